import { describe, expect, it } from '@jest/globals';
import { analyticsV1 } from '@bazaar/contracts';
import { countWindowsStartingIn, paneOf, windowShapes, windowsContaining, windowsEndingIn, windowsStartingIn } from './window-kind.js';
import { isLate, overallWatermark } from './watermark.js';

const K = analyticsV1.WindowKind;
const MIN = 60_000;
const at = (iso: string): number => Date.parse(iso);

describe('window assignment', () => {
  it('puts an event in exactly one tumbling window of each size', () => {
    const t = at('2026-01-01T10:07:30Z');
    expect(windowsContaining(K.WINDOW_KIND_TUMBLING_1M, t)).toEqual([{ kind: K.WINDOW_KIND_TUMBLING_1M, startMs: at('2026-01-01T10:07:00Z'), endMs: at('2026-01-01T10:08:00Z') }]);
    expect(windowsContaining(K.WINDOW_KIND_TUMBLING_5M, t).map((w) => w.startMs)).toEqual([at('2026-01-01T10:05:00Z')]);
    expect(windowsContaining(K.WINDOW_KIND_TUMBLING_1H, t).map((w) => w.startMs)).toEqual([at('2026-01-01T10:00:00Z')]);
  });

  it('puts an event in size/slide sliding windows, each containing it', () => {
    const t = at('2026-01-01T10:07:30Z');
    const fiveMinute = windowsContaining(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, t);
    expect(fiveMinute.map((w) => new Date(w.startMs).toISOString().slice(11, 16))).toEqual(['10:03', '10:04', '10:05', '10:06', '10:07']);
    const hour = windowsContaining(K.WINDOW_KIND_SLIDING_1H_EVERY_5M, t);
    expect(hour).toHaveLength(12);
    for (const w of [...fiveMinute, ...hour]) expect(w.startMs <= t && t < w.endMs).toBe(true);
  });

  it('treats window bounds as [start, end)', () => {
    const boundary = at('2026-01-01T10:05:00Z');
    expect(windowsContaining(K.WINDOW_KIND_TUMBLING_5M, boundary)[0]?.startMs).toBe(boundary);
    expect(windowsContaining(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, boundary).at(-1)?.startMs).toBe(boundary);
    expect(windowsContaining(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, boundary)[0]?.startMs).toBe(boundary - 4 * MIN);
  });

  it('uses 1-minute panes that every window shape is made of', () => {
    expect(paneOf(at('2026-01-01T10:07:59.999Z'))).toBe(at('2026-01-01T10:07:00Z'));
    for (const { sizeMs, slideMs } of windowShapes.values()) {
      expect(sizeMs % MIN).toBe(0);
      expect(slideMs % MIN).toBe(0);
    }
  });

  it('lists and counts the windows starting in a range', () => {
    const from = at('2026-01-01T10:00:30Z');
    const to = at('2026-01-01T10:05:00Z');
    const windows = windowsStartingIn(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, from, to);
    expect(windows.map((w) => new Date(w.startMs).toISOString().slice(11, 16))).toEqual(['10:01', '10:02', '10:03', '10:04']);
    expect(countWindowsStartingIn(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, from, to)).toBe(4);
    expect(countWindowsStartingIn(K.WINDOW_KIND_TUMBLING_1H, from, to)).toBe(0);
  });

  it('lists the windows a watermark move closes', () => {
    const closed = windowsEndingIn(K.WINDOW_KIND_TUMBLING_1M, at('2026-01-01T10:02:00Z'), at('2026-01-01T10:04:00Z'));
    expect(closed.map((w) => new Date(w.endMs).toISOString().slice(11, 16))).toEqual(['10:03', '10:04']);
  });
});

describe('lateness', () => {
  const lateness = 30_000;
  it('folds an out-of-order event whose pane the watermark has not passed', () => {
    expect(isLate(at('2026-01-01T10:00:10Z'), at('2026-01-01T10:01:29Z'), lateness)).toBe(false);
  });
  it('counts an event as late once the watermark reached its pane end', () => {
    expect(isLate(at('2026-01-01T10:00:10Z'), at('2026-01-01T10:01:30Z'), lateness)).toBe(true);
  });
  it('reports the lowest watermark of the active partitions; when all went quiet, the highest', () => {
    const active = (streamTimeMs: number) => ({ streamTimeMs, idle: false });
    const idle = (streamTimeMs: number) => ({ streamTimeMs, idle: true });
    expect(overallWatermark([], lateness)).toBeUndefined();
    expect(overallWatermark([active(5 * MIN), active(2 * MIN)], lateness)).toBe(2 * MIN - lateness);
    // a quiet partition no longer holds closing back
    expect(overallWatermark([active(5 * MIN), idle(2 * MIN), active(4 * MIN)], lateness)).toBe(4 * MIN - lateness);
    expect(overallWatermark([idle(5 * MIN), idle(2 * MIN)], lateness)).toBe(5 * MIN - lateness);
  });
});
