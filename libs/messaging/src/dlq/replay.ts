import type { KafkaConnection } from '../kafka/connection.js';
import { createRecordSender } from '../kafka/record-sender.js';
import { readRecords } from '../kafka/record-reader.js';
import { DLQ_HEADERS, withoutDeadLetterHeaders } from './headers.js';

/** The consumer group whose committed offsets remember what was already replayed. */
export const DLQ_REPLAY_GROUP = 'bazaar-dlq-replay';

export interface ReplayDlqOptions {
  dlqTopic: string;
  /** Where the records go. Default: each record's `dlq_source_topic` (else the DLQ name without `.dlq`). */
  toTopic?: string;
  limit?: number;
  /** Count what would be replayed; publish nothing, commit nothing. */
  dryRun?: boolean;
  /** Called per record (replayed or, in a dry run, to be replayed). */
  onRecord?: (record: { partition: number; offset: string; key: string | null; type?: string; toTopic: string }) => void;
}

/** `orders.events.v1` or `orders.events.v1.dlq` → `orders.events.v1.dlq`. */
export function dlqTopicOf(topic: string): string {
  return topic.endsWith('.dlq') ? topic : `${topic}.dlq`;
}

/**
 * Re-publishes a DLQ's records to their source topic: original key, value and
 * headers (minus dlq_*, plus dlq_replayed_at). Progress is committed under
 * DLQ_REPLAY_GROUP after each record is acknowledged, so a second run replays
 * only records dead-lettered since (a crash mid-run may repeat one record).
 */
export async function replayDlq(connection: KafkaConnection, options: ReplayDlqOptions): Promise<{ replayed: number }> {
  const dryRun = options.dryRun ?? false;
  const sender = dryRun ? undefined : createRecordSender(connection);
  const fallbackTopic = options.dlqTopic.replace(/\.dlq$/, '');
  try {
    const replayed = await readRecords(connection, {
      topic: options.dlqTopic,
      groupId: DLQ_REPLAY_GROUP,
      limit: options.limit,
      commit: !dryRun,
      onRecord: async (record) => {
        const toTopic = options.toTopic ?? record.headers[DLQ_HEADERS.sourceTopic] ?? fallbackTopic;
        options.onRecord?.({ partition: record.partition, offset: record.offset, key: record.key, type: record.headers['ce_type'], toTopic });
        if (!sender) return;
        const headers = { ...withoutDeadLetterHeaders(record.headers), [DLQ_HEADERS.replayedAt]: new Date().toISOString() };
        await sender.send(toTopic, [{ key: record.key, value: record.value, headers }]);
      },
    });
    connection.logger.info({ dlqTopic: options.dlqTopic, replayed, dryRun }, 'DLQ replay finished');
    return { replayed };
  } finally {
    await sender?.disconnect();
  }
}
