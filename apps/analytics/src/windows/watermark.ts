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

/** What the watermark needs of one partition the consumer has seen events on. */
export interface PartitionTime {
  /** Its stream time: the latest event time applied from it. */
  streamTimeMs: number;
  /** Nothing applied from it for longer than the idle timeout (wall clock). */
  idle: boolean;
}

/**
 * The watermark queries report: the lowest partition watermark among the partitions that are active.
 * A window whose end is at or before it is closed. An idle partition (quiet for the idle timeout) does not
 * hold closing back; when every partition is idle the system has gone quiet, and the highest one counts,
 * so the last windows close too. Folding is unaffected (each partition decides lateness by its own stream
 * time): idleness only decides when a window is reported closed. The trade-off: a partition that is idle
 * because its consumer is down, not because nothing arrives, lets windows be reported closed that its
 * backlog will still change.
 */
export function overallWatermark(partitions: readonly PartitionTime[], allowedLatenessMs: number): number | undefined {
  if (partitions.length === 0) return undefined;
  const active = partitions.filter((p) => !p.idle).map((p) => p.streamTimeMs);
  const watermarkTime = active.length > 0 ? Math.min(...active) : Math.max(...partitions.map((p) => p.streamTimeMs));
  return watermarkTime - allowedLatenessMs;
}
