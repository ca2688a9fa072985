import type { Admin } from 'kafkajs';
import { clientOf, type KafkaConnection } from './connection.js';
import { headersToStrings } from './headers.js';

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: Date;
}

export interface ReadRecordsOptions {
  topic: string;
  groupId: string;
  /** Stop after this many records. Default: everything up to the end at call time. */
  limit?: number;
  /** Commit each handled record's offset for `groupId` (false: read without moving the group). */
  commit: boolean;
  onRecord: (record: ReadRecord) => Promise<void>;
}

/**
 * Reads a topic from the group's committed position (else the beginning) up
 * to its end as of the call, then stops: a finite read for tools such as DLQ
 * replay. A record's offset is committed only after onRecord resolved.
 */
export async function readRecords(connection: KafkaConnection, options: ReadRecordsOptions): Promise<number> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (limit <= 0) return 0;
  const remaining = await pendingRanges(clientOf(connection).admin(), options);
  if (remaining.size === 0) return 0;

  const consumer = clientOf(connection).consumer({ groupId: options.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  let count = 0;
  let finish: () => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: options.commit,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const end = remaining.get(batch.partition);
        for (const message of batch.messages) {
          if (!isRunning() || isStale() || count >= limit) break;
          if (end === undefined || BigInt(message.offset) >= end) break;
          await options.onRecord({
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key === null ? null : message.key.toString('utf8'),
            value: message.value,
            headers: headersToStrings(message.headers),
            timestamp: new Date(Number(message.timestamp)),
          });
          resolveOffset(message.offset);
          count++;
          if (BigInt(message.offset) + 1n >= end) remaining.delete(batch.partition);
          await heartbeat();
        }
        if (count >= limit || remaining.size === 0) finish();
      },
    });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return count;
}

/** Partition → end offset (exclusive) for partitions with records past the group's position. */
async function pendingRanges(admin: Admin, options: ReadRecordsOptions): Promise<Map<number, bigint>> {
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(options.topic);
    const [committed] = await admin.fetchOffsets({ groupId: options.groupId, topics: [options.topic] });
    const ranges = new Map<number, bigint>();
    for (const { partition, high, low } of ends) {
      const position = committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
      const start = BigInt(position) >= 0n ? BigInt(position) : BigInt(low);
      if (BigInt(high) > start) ranges.set(partition, BigInt(high));
    }
    return ranges;
  } finally {
    await admin.disconnect();
  }
}
