import { catalogV1, contractProtos, ordersV1, topicOf, topics } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods } from '@bazaar/grpc';
import { startEventDrivenService, type RunningEventDrivenService, type StartHookContext } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { OrdersConfig } from './config.js';
import { ordersMigrations } from './db/migrations/index.js';
import type { OrdersDatabase } from './db/schema.js';
import { OrdersModule } from './orders.module.js';
import { catalogPricing } from './orders/catalog-pricing.js';
import { OrderBook } from './orders/order-book.js';
import { createSagaEngine } from './saga/saga-engine.js';
import { startHousekeeping } from './saga/housekeeping.js';
import { replyTopics, startReplyConsumer } from './saga/saga-replies.js';
import { startTimeoutSweeper } from './saga/timeout-sweeper.js';

export type RunningOrdersService = RunningEventDrivenService<OrdersDatabase>;

/**
 * Opens the database, starts Kafka (outbox relay + reply consumer), the timeout sweeper (which at once
 * compensates steps that became overdue while no process ran) and housekeeping, then serves OrderService.
 */
export async function startOrdersService(config: OrdersConfig, logger: Logger): Promise<RunningOrdersService> {
  const catalog = createGrpcClient(catalogV1.CatalogServiceService, {
    address: config.CATALOG_ADDRESS,
    timeoutMs: config.CATALOG_TIMEOUT_MS,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  let catalogOpen = true;
  const closeCatalog = () => {
    if (catalogOpen) catalog.close();
    catalogOpen = false;
  };
  try {
    return await startEventDrivenService<OrdersDatabase>({
      service: 'orders',
      config,
      logger,
      migrations: ordersMigrations,
      topicOf,
      topics: [topics.inventoryCommands, topics.paymentsCommands, topics.ordersEvents, ...replyTopics],
      // Sagas resume (replies, overdue steps) before the first order is taken.
      startBeforeServing: true,
      start: (context) => startSagaProcessing(context, config, logger),
      grpc: ({ database, messaging }) => ({
        // The catalog client and the database close with the app, once the server drained.
        module: OrdersModule.withOrderBook(new OrderBook(database, messaging.outbox, catalogPricing(catalog), config.STEP_TIMEOUT_MS), async () => {
          closeCatalog();
          await database.close();
        }),
        services: [ordersV1.OrderServiceService],
        protos: contractProtos,
      }),
    });
  } catch (error) {
    closeCatalog();
    throw error;
  }
}

async function startSagaProcessing(
  { database, messaging, onShutdown }: StartHookContext<OrdersDatabase>,
  config: OrdersConfig,
  logger: Logger,
): Promise<void> {
  const engine = createSagaEngine({ outbox: messaging.outbox, stepTimeoutMs: config.STEP_TIMEOUT_MS });
  await startReplyConsumer({ messaging, database, engine, groupId: config.KAFKA_CONSUMER_GROUP, logger });
  const sweeper = startTimeoutSweeper({ database, engine, intervalMs: config.SWEEP_INTERVAL_MS, logger });
  onShutdown(() => sweeper.stop());
  onShutdown(
    startHousekeeping({
      database,
      outboxRetentionMs: config.OUTBOX_RETENTION_MS,
      inboxRetentionMs: config.INBOX_RETENTION_MS,
      intervalMs: config.HOUSEKEEPING_INTERVAL_MS,
      logger,
    }),
  );
}
