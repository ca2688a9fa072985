/** Headers a dead-lettered record carries besides its original ones. */
export const DLQ_HEADERS = {
  error: 'dlq_error',
  attempts: 'dlq_attempts',
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  failedAt: 'dlq_failed_at',
  /** Set on a record replayed from a DLQ back onto its source topic. */
  replayedAt: 'dlq_replayed_at',
} as const;

const DEAD_LETTER_ONLY = new Set<string>([
  DLQ_HEADERS.error,
  DLQ_HEADERS.attempts,
  DLQ_HEADERS.sourceTopic,
  DLQ_HEADERS.sourcePartition,
  DLQ_HEADERS.sourceOffset,
  DLQ_HEADERS.failedAt,
]);

/** Error text kept in `dlq_error`: enough to diagnose, bounded so a huge message cannot bloat the record. */
const MAX_ERROR_LENGTH = 1_000;

export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

export interface DeadLetterSource {
  topic: string;
  partition: number;
  offset: string;
}

/** The original headers plus the dlq_* details of why and where the record failed. */
export function deadLetterHeaders(
  original: Record<string, string>,
  source: DeadLetterSource,
  failure: { error: unknown; attempts: number; failedAt: Date },
): Record<string, string> {
  return {
    ...withoutDeadLetterHeaders(original),
    [DLQ_HEADERS.error]: describeFailure(failure.error),
    [DLQ_HEADERS.attempts]: String(failure.attempts),
    [DLQ_HEADERS.sourceTopic]: source.topic,
    [DLQ_HEADERS.sourcePartition]: String(source.partition),
    [DLQ_HEADERS.sourceOffset]: source.offset,
    [DLQ_HEADERS.failedAt]: failure.failedAt.toISOString(),
  };
}

/** The headers a record had before it was dead-lettered. */
export function withoutDeadLetterHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !DEAD_LETTER_ONLY.has(name)));
}
