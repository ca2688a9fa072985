import { PANE_MS, paneOf } from './window-kind.js';

/**
 * The event-time rule. A partition's watermark is its stream time (latest event time seen on it)
 * minus the allowed lateness. A pane [p, p + 1 min) is closed on a partition once that watermark
 * reached p + 1 min; an event whose pane is closed is late: counted, not folded in. Only the
 * partition's own history decides, so a replay decides every record the same way.
 */
export function isLate(eventTimeMs: number, streamTimeMs: number, allowedLatenessMs: number): boolean {
  return paneOf(eventTimeMs) + PANE_MS <= streamTimeMs - allowedLatenessMs;
}

/**
 * The watermark queries report: the lowest partition watermark among partitions that have seen
 * events. A window whose end is at or before it is closed — no partition can fold into it any more.
 */
export function overallWatermark(streamTimesMs: readonly number[], allowedLatenessMs: number): number | undefined {
  if (streamTimesMs.length === 0) return undefined;
  return Math.min(...streamTimesMs) - allowedLatenessMs;
}
