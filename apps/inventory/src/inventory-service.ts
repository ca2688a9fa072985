import { contractProtos, inventoryV1, topicOf, topics } from '@bazaar/contracts';
import { serveGrpc, type RunningGrpcService } from '@bazaar/grpc';
import { startMessaging, type MessagingRuntime } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import { openServiceDatabase, type Database } from '@bazaar/persistence';
import type { InventoryConfig } from './config.js';
import { inventoryMigrations } from './db/migrations/index.js';
import type { InventoryDatabase } from './db/schema.js';
import { InventoryModule } from './inventory.module.js';
import { registerCommandHandlers } from './reservations/command-handlers.js';
import { registerOrderEventHandlers } from './reservations/order-event-handlers.js';
import { startExpirySweeper, type ExpirySweeper } from './reservations/expiry-sweeper.js';

export interface RunningInventoryService extends RunningGrpcService {
  database: Database<InventoryDatabase>;
  messaging: MessagingRuntime;
}

/** Opens the database (migrating and seeding it), consumes stock commands, sweeps expired reservations, serves InventoryService. */
export async function startInventoryService(config: InventoryConfig, logger: Logger): Promise<RunningInventoryService> {
  const database = await openServiceDatabase<InventoryDatabase>('inventory', config, inventoryMigrations, logger);
  let messaging: MessagingRuntime | undefined;
  let sweeper: ExpirySweeper | undefined;
  try {
    messaging = await startMessaging({
      service: 'inventory',
      config,
      database,
      logger,
      topicOf,
      topics: [topics.inventoryCommands, topics.inventoryEvents, topics.ordersEvents],
    });
    // Orders are independent of each other: several partitions at once, each still in order.
    const consumer = messaging.consumer({ groupId: config.KAFKA_CONSUMER_GROUP, topics: [topics.inventoryCommands, topics.ordersEvents], partitionsConsumedConcurrently: 3 });
    registerCommandHandlers(consumer, { database, group: config.KAFKA_CONSUMER_GROUP, outbox: messaging.outbox, reservationTtlMs: config.RESERVATION_TTL_MS });
    registerOrderEventHandlers(consumer, { database, group: config.KAFKA_CONSUMER_GROUP, logger });
    await consumer.start();
    const expiry = (sweeper = startExpirySweeper({ database, outbox: messaging.outbox, intervalMs: config.SWEEP_INTERVAL_MS, logger }));

    const service = await serveGrpc(config, logger, {
      module: InventoryModule.withDatabase(database),
      services: [inventoryV1.InventoryServiceService],
      protos: contractProtos,
    });
    const running = messaging;
    service.onShutdown(() => expiry.stop());
    service.onShutdown(() => running.stop());
    service.addLivenessCheck(() => running.isHealthy());
    return Object.assign(service, { database, messaging });
  } catch (error) {
    await sweeper?.stop();
    await messaging?.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
}
