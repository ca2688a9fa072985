import { metricsRegistry, type Logger } from '@bazaar/observability';
import type { Admin } from 'kafkajs';
import { Gauge } from 'prom-client';
import { clientOf, type KafkaConnection } from '../kafka/connection.js';

export const consumerLag = new Gauge({
  name: 'messaging_consumer_lag',
  help: 'Records on a partition not yet committed by a consumer group (high watermark - committed offset).',
  labelNames: ['topic', 'partition', 'group'] as const,
  registers: [metricsRegistry],
});

/** A consumer's committed position: the next offset it will read on a partition. */
export interface ConsumerPosition {
  topic: string;
  partition: number;
  nextOffset: number;
}

/** Where a consumer stands on `topics`; partitions it has no position on yet are left out. */
export type PositionReader = (admin: Admin, topics: readonly string[]) => Promise<ConsumerPosition[]>;

/** Positions from Kafka's own group offsets (what a consumer group commits). */
export function groupOffsets(groupId: string): PositionReader {
  return async (admin, topics) =>
    (await admin.fetchOffsets({ groupId, topics: [...topics] })).flatMap(({ topic, partitions }) =>
      partitions.map((p) => ({ topic, partition: p.partition, nextOffset: Number(p.offset) })).filter((p) => p.nextOffset >= 0),
    );
}

/**
 * Refreshes the lag gauge of `group` now and every `intervalMs`: high watermark minus the
 * position `readPositions` gives (the low watermark where there is none). Returns the stop function.
 */
export function startLagReporter(
  connection: KafkaConnection,
  group: string,
  topics: readonly string[],
  readPositions: PositionReader,
  intervalMs: number,
  logger: Logger,
): () => void {
  const admin = clientOf(connection).admin();
  let connected: Promise<void> | undefined;
  let running = false;
  const refresh = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      connected ??= admin.connect();
      await connected;
      const positions = await readPositions(admin, topics);
      for (const topic of topics) {
        for (const end of await admin.fetchTopicOffsets(topic)) {
          const position = positions.find((p) => p.topic === topic && p.partition === end.partition);
          const start = position ? position.nextOffset : Number(end.low);
          consumerLag.set({ topic, partition: String(end.partition), group }, Math.max(0, Number(end.high) - start));
        }
      }
    } catch (error) {
      connected = undefined;
      logger.debug({ err: error, group }, 'consumer lag refresh failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  // once right away, so the gauge exists from the start rather than one interval later
  void refresh();
  return () => {
    clearInterval(timer);
    void admin.disconnect().catch(() => undefined);
  };
}
