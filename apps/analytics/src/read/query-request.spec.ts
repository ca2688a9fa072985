import { describe, expect, it } from '@jest/globals';
import { analyticsV1 } from '@bazaar/contracts';
import { InvalidArgumentError } from '@bazaar/grpc';
import { MAX_WINDOWS, parseLimit, parseWindowKind, parseWindowRange } from './query-request.js';

const K = analyticsV1.WindowKind;
const now = Date.parse('2026-01-01T12:00:30Z');
const ts = (iso: string) => ({ seconds: String(Date.parse(iso) / 1000), nanos: 0 });

function violationsOf(run: () => unknown): { field: string; description: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).violations;
  }
  throw new Error('expected INVALID_ARGUMENT');
}

describe('window range', () => {
  it('defaults to 1-minute tumbling windows starting in the last hour', () => {
    const { kind, windows } = parseWindowRange(undefined, now);
    expect(kind).toBe(K.WINDOW_KIND_TUMBLING_1M);
    expect(windows).toHaveLength(60);
    expect(windows[0]?.startMs).toBe(Date.parse('2026-01-01T11:01:00Z'));
    expect(windows.at(-1)?.startMs).toBe(Date.parse('2026-01-01T12:00:00Z'));
  });

  it('covers the windows whose start lies in [from, to)', () => {
    const range = { window: K.WINDOW_KIND_SLIDING_1H_EVERY_5M, from: ts('2026-01-01T10:00:00Z'), to: ts('2026-01-01T10:20:00Z') };
    expect(parseWindowRange(range, now).windows.map((w) => (w.endMs - w.startMs) / 60_000)).toEqual([60, 60, 60, 60]);
  });

  it('rejects unknown kinds, bad timestamps and reversed ranges', () => {
    expect(violationsOf(() => parseWindowRange({ window: K.UNRECOGNIZED, from: undefined, to: undefined }, now))[0]?.field).toBe('range.window');
    expect(violationsOf(() => parseWindowRange({ window: K.WINDOW_KIND_TUMBLING_1M, from: { seconds: '-5', nanos: 0 }, to: undefined }, now))[0]?.field).toBe('range.from');
    expect(violationsOf(() => parseWindowRange({ window: K.WINDOW_KIND_TUMBLING_1M, from: undefined, to: { seconds: '10', nanos: 2_000_000_000 } }, now))[0]?.field).toBe('range.to.nanos');
    expect(violationsOf(() => parseWindowRange({ window: K.WINDOW_KIND_TUMBLING_1M, from: ts('2026-01-01T11:00:00Z'), to: ts('2026-01-01T10:00:00Z') }, now))[0]?.field).toBe('range.from');
  });

  it(`rejects a range of more than ${MAX_WINDOWS} windows`, () => {
    const day = { window: K.WINDOW_KIND_TUMBLING_1M, from: ts('2026-01-01T00:00:00Z'), to: ts('2026-01-02T00:00:00Z') };
    expect(violationsOf(() => parseWindowRange(day, now))[0]?.description).toMatch(/spans 1440 windows/);
    expect(parseWindowRange({ ...day, window: K.WINDOW_KIND_TUMBLING_1H }, now).windows).toHaveLength(24);
  });
});

describe('limits and kinds', () => {
  it('defaults 0 to 10 and accepts 1..100', () => {
    const violations: { field: string; description: string }[] = [];
    expect(parseLimit(0, 'limit', violations)).toBe(10);
    expect(parseLimit(100, 'limit', violations)).toBe(100);
    expect(violations).toEqual([]);
    parseLimit(101, 'limit', violations);
    parseLimit(-1, 'limit', violations);
    expect(violations.map((v) => v.field)).toEqual(['limit', 'limit']);
  });

  it('reads UNSPECIFIED as 1-minute tumbling', () => {
    expect(parseWindowKind(K.WINDOW_KIND_UNSPECIFIED, 'window', [])).toBe(K.WINDOW_KIND_TUMBLING_1M);
  });
});
