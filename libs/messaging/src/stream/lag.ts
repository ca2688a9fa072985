import type { Logger } from '@bazaar/observability';
import { consumerLag } from '../consumer/lag.js';
import { clientOf, type KafkaConnection } from '../kafka/connection.js';
import type { AnyDatabase } from '../outbox/tables.js';
import { readPositions } from './offset-store.js';

/**
 * Keeps `messaging_consumer_lag` right for a stream consumer, whose position is in its database (Kafka's
 * group offsets stay empty): high watermark minus stored next offset, per partition. Returns the stop function.
 */
export function startStreamLagReporter(
  connection: KafkaConnection,
  database: AnyDatabase,
  consumer: string,
  topics: readonly string[],
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
      const positions = await readPositions(database, consumer, topics);
      for (const topic of topics) {
        for (const end of await admin.fetchTopicOffsets(topic)) {
          const stored = positions.find((p) => p.topic === topic && p.partition === end.partition);
          const start = stored ? Number(stored.nextOffset) : Number(end.low);
          consumerLag.set({ topic, partition: String(end.partition), group: consumer }, Math.max(0, Number(end.high) - start));
        }
      }
    } catch (error) {
      connected = undefined;
      logger.debug({ err: error }, 'stream consumer lag refresh failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    void admin.disconnect().catch(() => undefined);
  };
}
