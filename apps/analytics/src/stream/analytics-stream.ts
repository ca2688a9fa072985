import { messages, type TopicSpec } from '@bazaar/contracts';
import { createTransactionalStreamConsumer, type KafkaConnection, type StreamBatch, type TransactionalStreamConsumer } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { Database } from '@bazaar/persistence';
import type { AnalyticsDatabase } from '../db/schema.js';
import { foldBatch, type StreamName } from './fold-events.js';
import { foldedEvents, lateEvents } from './metrics.js';
import { unstorableReason } from './storable-event.js';
import { writeFacts } from './write-facts.js';

export interface AnalyticsTopics {
  clickstream: TopicSpec;
  ordersEvents: TopicSpec;
}

export interface AnalyticsStreamOptions {
  connection: KafkaConnection;
  database: Database<AnalyticsDatabase>;
  consumer: string;
  topics: AnalyticsTopics;
  allowedLatenessMs: number;
  logger: Logger;
  /** Runs after each batch's commit (tests use it to stall or crash right there). */
  afterCommit?: (batch: StreamBatch) => void | Promise<void>;
  maxBatchBytes?: number;
  sessionTimeoutMs?: number;
}

/** Consumes the clickstream and the order events into the pane tables, exactly once per record. */
export function createAnalyticsStream(options: AnalyticsStreamOptions): TransactionalStreamConsumer {
  const { topics, allowedLatenessMs } = options;
  const streamOf = (topic: string): StreamName => (topic === topics.clickstream.name ? 'clickstream' : 'orders');
  // Late counts reach the metric only once their transaction committed.
  const lateInBatch = new WeakMap<StreamBatch, number>();
  return createTransactionalStreamConsumer({
    connection: options.connection,
    database: options.database,
    consumer: options.consumer,
    topics: [topics.clickstream, topics.ordersEvents],
    types: [
      messages.ProductViewed,
      messages.ProductsSearched,
      messages.ProductAddedToCart,
      messages.CheckoutStarted,
      messages.OrderPlaced,
      messages.OrderConfirmed,
      messages.OrderCancelled,
      messages.OrderShipped,
    ],
    validate: unstorableReason,
    logger: options.logger,
    maxBatchBytes: options.maxBatchBytes,
    sessionTimeoutMs: options.sessionTimeoutMs,
    apply: async (trx, batch) => {
      const facts = foldBatch(batch, streamOf(batch.topic), allowedLatenessMs);
      await writeFacts(trx, facts);
      lateInBatch.set(batch, [...facts.late.values()].reduce((sum, late) => sum + late.events, 0));
    },
    afterCommit: async (batch) => {
      const stream = streamOf(batch.topic);
      foldedEvents.inc({ stream }, batch.events.length);
      lateEvents.inc({ stream }, lateInBatch.get(batch) ?? 0);
      await options.afterCommit?.(batch);
    },
  });
}
