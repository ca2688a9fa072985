import { catalogV1, contractProtos, ordersV1, topicOf, topics } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, serveGrpc, type RunningGrpcService } from '@bazaar/grpc';
import { startMessaging, type MessagingRuntime } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import { openServiceDatabase, type Database } from '@bazaar/persistence';
import type { OrdersConfig } from './config.js';
import { ordersMigrations } from './db/migrations/index.js';
import type { OrdersDatabase } from './db/schema.js';
import { OrdersModule } from './orders.module.js';
import { catalogPricing } from './orders/catalog-pricing.js';
import { OrderBook } from './orders/order-book.js';
import { createSagaEngine } from './saga/saga-engine.js';
import { startHousekeeping } from './saga/housekeeping.js';
import { replyTopics, startReplyConsumer } from './saga/saga-replies.js';
import { startTimeoutSweeper, type TimeoutSweeper } from './saga/timeout-sweeper.js';

/**
 * Opens the database, starts Kafka (outbox relay + reply consumer), the timeout sweeper (which at once
 * compensates steps that became overdue while no process ran) and serves OrderService.
 */
export async function startOrdersService(config: OrdersConfig, logger: Logger): Promise<RunningGrpcService> {
  const database: Database<OrdersDatabase> = await openServiceDatabase<OrdersDatabase>('orders', config, ordersMigrations, logger);
  const catalog = createGrpcClient(catalogV1.CatalogServiceService, {
    address: config.CATALOG_ADDRESS,
    timeoutMs: config.CATALOG_TIMEOUT_MS,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  let messaging: MessagingRuntime | undefined;
  let sweeper: TimeoutSweeper | undefined;
  let stopHousekeeping: (() => Promise<void>) | undefined;
  const stopBackground = async () => {
    await stopHousekeeping?.();
    await sweeper?.stop();
    await messaging?.stop();
  };
  try {
    messaging = await startMessaging({
      service: 'orders',
      config,
      database,
      logger,
      topicOf,
      topics: [topics.inventoryCommands, topics.paymentsCommands, topics.ordersEvents, ...replyTopics],
    });
    const engine = createSagaEngine({ outbox: messaging.outbox, stepTimeoutMs: config.STEP_TIMEOUT_MS });
    await startReplyConsumer({ messaging, database, engine, groupId: config.KAFKA_CONSUMER_GROUP, logger });
    sweeper = startTimeoutSweeper({ database, engine, intervalMs: config.SWEEP_INTERVAL_MS, logger });
    stopHousekeeping = startHousekeeping({
      database,
      outboxRetentionMs: config.OUTBOX_RETENTION_MS,
      inboxRetentionMs: config.INBOX_RETENTION_MS,
      intervalMs: config.HOUSEKEEPING_INTERVAL_MS,
      logger,
    });
    const orderBook = new OrderBook(database, messaging.outbox, catalogPricing(catalog), config.STEP_TIMEOUT_MS);

    const closeResources = async () => {
      catalog.close();
      await database.close();
    };
    const service = await serveGrpc(config, logger, {
      module: OrdersModule.withOrderBook(orderBook, closeResources),
      services: [ordersV1.OrderServiceService],
      protos: contractProtos,
    });
    const running = messaging;
    service.addLivenessCheck(() => running.isHealthy());
    // Kafka and the sweeper stop before the gRPC drain; the database closes with the app, after it.
    service.onShutdown(stopBackground);
    return service;
  } catch (error) {
    await stopBackground();
    catalog.close();
    await database.close();
    throw error;
  }
}
