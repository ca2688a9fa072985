import { analyticsV1, contractProtos, topics as catalogTopics } from '@bazaar/contracts';
import { serveGrpc, type RunningGrpcService } from '@bazaar/grpc';
import { createKafkaConnection, ensureTopics, kafkaSettings, type StreamBatch, type TransactionalStreamConsumer } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import { openServiceDatabase } from '@bazaar/persistence';
import { AnalyticsModule } from './analytics.module.js';
import type { AnalyticsConfig } from './config.js';
import { analyticsMigrations } from './db/migrations/index.js';
import type { AnalyticsDatabase } from './db/schema.js';
import { AnalyticsReader } from './read/analytics-reader.js';
import { createAnalyticsStream, type AnalyticsTopics } from './stream/analytics-stream.js';
import { startInboxPruning } from './stream/inbox-pruning.js';
import { MetricsWatcher } from './watch/metrics-watcher.js';

export const ANALYTICS_CONSUMER = 'analytics';

export interface AnalyticsServiceOptions {
  /** The input topics; tests pass uniquely named copies of the catalog's. */
  topics?: AnalyticsTopics;
  /** Kafka consumer group and key of the stored offsets. */
  consumer?: string;
  /** Test hook: runs after each batch's commit, before the consumer moves on. */
  afterCommit?: (batch: StreamBatch) => void | Promise<void>;
  maxBatchBytes?: number;
  /** Kafka session timeout; tests shorten it so a killed member leaves the group quickly. */
  sessionTimeoutMs?: number;
}

export interface RunningAnalytics extends RunningGrpcService {
  stream: TransactionalStreamConsumer;
}

/** Opens the database, serves AnalyticsService, then starts consuming the streams. */
export async function startAnalyticsService(config: AnalyticsConfig, logger: Logger, options: AnalyticsServiceOptions = {}): Promise<RunningAnalytics> {
  const topics = options.topics ?? { clickstream: catalogTopics.clickstream, ordersEvents: catalogTopics.ordersEvents };
  const consumer = options.consumer ?? ANALYTICS_CONSUMER;
  const allowedLatenessMs = config.ANALYTICS_ALLOWED_LATENESS_MS;
  const database = await openServiceDatabase<AnalyticsDatabase>('analytics', config, analyticsMigrations, logger);
  let service: RunningGrpcService | undefined;
  try {
    const connection = createKafkaConnection({ ...kafkaSettings(config), clientId: 'analytics', logger });
    await ensureTopics(connection, [topics.clickstream, topics.ordersEvents], {
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      partitionsOverride: config.KAFKA_TOPIC_PARTITIONS,
    });
    const reader = new AnalyticsReader(database.db, { consumer, allowedLatenessMs, idlePartitionMs: config.ANALYTICS_IDLE_PARTITION_MS });
    const watcher = new MetricsWatcher(database.db, reader, logger, { maxWatches: config.ANALYTICS_MAX_WATCHES });
    const stream = createAnalyticsStream({ ...options, connection, database, consumer, topics, allowedLatenessMs, logger });
    service = await serveGrpc(config, logger, {
      module: AnalyticsModule.with(database, reader, watcher),
      services: [analyticsV1.AnalyticsServiceService],
      protos: contractProtos,
    });
    const stopPruning = startInboxPruning(database, config.INBOX_RETENTION_MS, config.HOUSEKEEPING_INTERVAL_MS, logger);
    service.onShutdown(async () => {
      watcher.close();
      await stopPruning();
      await stream.stop();
    });
    service.addLivenessCheck(() => stream.isHealthy());
    await stream.start();
    logger.info({ topics: [topics.clickstream.name, topics.ordersEvents.name], allowedLatenessMs }, 'analytics consuming');
    return { ...service, stream };
  } catch (error) {
    if (service) await service.shutdown('start-up failed');
    else await database.close();
    throw error;
  }
}
