import { metricsRegistry, type Logger } from '@bazaar/observability';
import { Gauge } from 'prom-client';
import { clientOf, type KafkaConnection } from '../kafka/connection.js';
import type { TopicSpec } from '../types.js';

export const consumerLag = new Gauge({
  name: 'messaging_consumer_lag',
  help: 'Records on a partition not yet committed by a consumer group (high watermark - committed offset).',
  labelNames: ['topic', 'partition', 'group'] as const,
  registers: [metricsRegistry],
});

/** Refreshes the lag gauge of `groupId` every `intervalMs`; returns the stop function. */
export function startLagReporter(
  connection: KafkaConnection,
  groupId: string,
  topics: readonly TopicSpec[],
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
      const names = topics.map((topic) => topic.name);
      const committed = await admin.fetchOffsets({ groupId, topics: names });
      for (const { topic, partitions } of committed) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const end of ends) {
          const offset = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? '-1');
          const start = offset >= 0 ? offset : Number(end.low);
          consumerLag.set({ topic, partition: String(end.partition), group: groupId }, Math.max(0, Number(end.high) - start));
        }
      }
    } catch (error) {
      connected = undefined;
      logger.debug({ err: error }, 'consumer lag refresh failed');
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
