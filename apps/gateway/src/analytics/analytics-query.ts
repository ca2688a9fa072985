import { analyticsV1, type Timestamp } from '@bazaar/contracts';
import { ProblemError, type FieldError } from '../errors/problem.js';
import { singleQueryValue } from '../http/query.js';

const { WindowKind } = analyticsV1;

/** The window names of the HTTP API and their proto kinds. */
export const WINDOWS: Readonly<Record<string, analyticsV1.WindowKind>> = {
  '1m': WindowKind.WINDOW_KIND_TUMBLING_1M,
  '5m': WindowKind.WINDOW_KIND_TUMBLING_5M,
  '1h': WindowKind.WINDOW_KIND_TUMBLING_1H,
  '5m-sliding': WindowKind.WINDOW_KIND_SLIDING_5M_EVERY_1M,
  '1h-sliding': WindowKind.WINDOW_KIND_SLIDING_1H_EVERY_5M,
};
export const WINDOW_NAMES = Object.keys(WINDOWS);
export const MAX_TOP_LIMIT = 100;

/** RFC 3339 with an explicit offset, as JSON timestamps are written. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const SMALL_INT = /^\d{1,3}$/;

export function windowName(kind: analyticsV1.WindowKind): string {
  return WINDOW_NAMES.find((name) => WINDOWS[name] === kind) ?? 'unspecified';
}

function parseWindow(text: string, errors: FieldError[]): analyticsV1.WindowKind {
  const name = text || '1m';
  const kind = Object.hasOwn(WINDOWS, name) ? WINDOWS[name] : undefined;
  if (kind !== undefined) return kind;
  errors.push({ field: 'window', description: `must be one of ${WINDOW_NAMES.join(', ')} (default 1m)` });
  return WindowKind.WINDOW_KIND_UNSPECIFIED;
}

function parseInstant(name: string, text: string, errors: FieldError[]): Date | undefined {
  if (!text) return undefined;
  const millis = RFC3339.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(millis)) {
    errors.push({ field: name, description: 'must be an RFC 3339 timestamp with offset, e.g. 2026-11-27T10:00:00Z' });
    return undefined;
  }
  return new Date(millis);
}

function parseLimit(text: string, errors: FieldError[]): number {
  if (!text) return 0;
  const limit = SMALL_INT.test(text) ? Number(text) : NaN;
  if (limit >= 1 && limit <= MAX_TOP_LIMIT) return limit;
  errors.push({ field: 'limit', description: `must be an integer from 1 to ${MAX_TOP_LIMIT} (default 10)` });
  return 0;
}

function timestamp(date: Date | undefined): Timestamp | undefined {
  if (!date) return undefined;
  const millis = date.getTime();
  const seconds = Math.floor(millis / 1000);
  return { seconds: String(seconds), nanos: (millis - seconds * 1000) * 1_000_000 };
}

export interface RangeQuery {
  range: analyticsV1.WindowRange;
  /** Top products only; 0 means the service's default. */
  limit: number;
}

/**
 * `window`, `from`, `to` (and `limit` where allowed) of the analytics
 * queries. Unset `from`/`to` are left to the service (the last hour).
 */
export function parseRangeQuery(query: Record<string, unknown>, options: { limit: boolean }): RangeQuery {
  const errors: FieldError[] = [];
  const window = parseWindow(singleQueryValue(query, 'window', errors), errors);
  const from = parseInstant('from', singleQueryValue(query, 'from', errors), errors);
  const to = parseInstant('to', singleQueryValue(query, 'to', errors), errors);
  if (from && to && from >= to) errors.push({ field: 'to', description: 'must be after from' });
  const limit = options.limit ? parseLimit(singleQueryValue(query, 'limit', errors), errors) : 0;
  if (errors.length) throw ProblemError.invalidRequest(errors);
  return { range: { window, from: timestamp(from), to: timestamp(to) }, limit };
}

/** `window` and `limit` of the metrics stream. */
export function parseWatchQuery(query: Record<string, unknown>): analyticsV1.WatchMetricsRequest {
  const errors: FieldError[] = [];
  const window = parseWindow(singleQueryValue(query, 'window', errors), errors);
  const topLimit = parseLimit(singleQueryValue(query, 'limit', errors), errors);
  if (errors.length) throw ProblemError.invalidRequest(errors);
  return { window, topLimit };
}
