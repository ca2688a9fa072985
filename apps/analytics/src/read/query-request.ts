import { analyticsV1, type Timestamp } from '@bazaar/contracts';
import { InvalidArgumentError, type FieldViolation } from '@bazaar/grpc';
import { countWindowsStartingIn, windowShapes, windowsStartingIn, type WindowBounds, type WindowKind } from '../windows/window-kind.js';

const { WindowKind: Kind } = analyticsV1;
/** A query answers at most this many windows (a day of 1-minute windows would be 1 440). */
export const MAX_WINDOWS = 240;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
const HOUR_MS = 3_600_000;
/** Timestamps outside years 1970..9999 are rejected rather than turned into nonsense dates. */
const MAX_EPOCH_SECONDS = 253_402_300_799;

export interface ValidRange {
  kind: WindowKind;
  windows: WindowBounds[];
}

/** A window kind from a request: UNSPECIFIED means 1-minute tumbling; anything unknown is a violation. */
export function parseWindowKind(kind: WindowKind | undefined, field: string, violations: FieldViolation[]): WindowKind {
  if (kind === undefined || kind === Kind.WINDOW_KIND_UNSPECIFIED) return Kind.WINDOW_KIND_TUMBLING_1M;
  if (!windowShapes.has(kind)) violations.push({ field, description: 'must be one of the WindowKind values' });
  return kind;
}

export function parseLimit(limit: number | undefined, field: string, violations: FieldViolation[]): number {
  if (limit === undefined || limit === 0) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) violations.push({ field, description: `must be between 1 and ${MAX_LIMIT} (0 means ${DEFAULT_LIMIT})` });
  return limit;
}

function parseTimestamp(value: Timestamp | undefined, field: string, violations: FieldViolation[]): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value.seconds);
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
    violations.push({ field, description: 'must lie between 1970-01-01 and 9999-12-31' });
    return undefined;
  }
  if (!Number.isInteger(value.nanos) || value.nanos < 0 || value.nanos > 999_999_999) {
    violations.push({ field: `${field}.nanos`, description: 'must be between 0 and 999999999' });
    return undefined;
  }
  return seconds * 1000 + Math.floor(value.nanos / 1_000_000);
}

/**
 * The windows a WindowRange covers: every window of its kind starting in [from, to). Unset bounds
 * default to the hour before `to`, and `to` to now. Throws INVALID_ARGUMENT for an unknown kind, bad
 * timestamps, from ≥ to, or a range holding more than MAX_WINDOWS windows.
 */
export function parseWindowRange(range: analyticsV1.WindowRange | undefined, now: number, extra: FieldViolation[] = []): ValidRange {
  const violations = [...extra];
  const kind = parseWindowKind(range?.window, 'range.window', violations);
  const fromMs = parseTimestamp(range?.from, 'range.from', violations);
  const toMs = parseTimestamp(range?.to, 'range.to', violations);
  if (violations.length > 0) throw new InvalidArgumentError(violations);
  const to = toMs ?? (fromMs !== undefined ? Math.max(now, fromMs + 1) : now);
  const from = fromMs ?? to - HOUR_MS;
  if (from >= to) throw InvalidArgumentError.field('range.from', 'must be before range.to');
  const count = countWindowsStartingIn(kind, from, to);
  if (count > MAX_WINDOWS) throw InvalidArgumentError.field('range', `spans ${count} windows; at most ${MAX_WINDOWS} per query`);
  return { kind, windows: windowsStartingIn(kind, from, to) };
}
