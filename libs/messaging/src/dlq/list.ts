import { randomUUID } from 'node:crypto';
import type { KafkaConnection } from '../kafka/connection.js';
import { readRecords } from '../kafka/record-reader.js';
import { HEADERS } from '../types.js';
import { DLQ_HEADERS } from './headers.js';

/** What an operator needs to triage a dead letter; never the payload. */
export interface DeadLetterSummary {
  partition: number;
  offset: string;
  key: string | null;
  type?: string;
  eventId?: string;
  error?: string;
  attempts?: number;
  sourceTopic?: string;
  failedAt?: string;
}

/** The DLQ's records from the beginning (read with a throwaway group: nothing is committed). */
export async function listDlq(connection: KafkaConnection, options: { dlqTopic: string; limit?: number }): Promise<DeadLetterSummary[]> {
  const summaries: DeadLetterSummary[] = [];
  await readRecords(connection, {
    topic: options.dlqTopic,
    groupId: `bazaar-dlq-list-${randomUUID()}`,
    limit: options.limit,
    commit: false,
    onRecord: async ({ partition, offset, key, headers }) => {
      const attempts = headers[DLQ_HEADERS.attempts];
      summaries.push({
        partition,
        offset,
        key,
        type: headers[HEADERS.type],
        eventId: headers[HEADERS.eventId],
        error: headers[DLQ_HEADERS.error],
        attempts: attempts === undefined ? undefined : Number(attempts),
        sourceTopic: headers[DLQ_HEADERS.sourceTopic],
        failedAt: headers[DLQ_HEADERS.failedAt],
      });
    },
  });
  return summaries;
}
