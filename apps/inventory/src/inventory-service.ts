import { contractProtos, inventoryV1, topicOf, topics } from '@bazaar/contracts';
import { startEventDrivenService, type RunningEventDrivenService, type StartHookContext } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { InventoryConfig } from './config.js';
import { inventoryMigrations } from './db/migrations/index.js';
import type { InventoryDatabase } from './db/schema.js';
import { InventoryModule } from './inventory.module.js';
import { registerCommandHandlers } from './reservations/command-handlers.js';
import { registerOrderEventHandlers } from './reservations/order-event-handlers.js';
import { startExpirySweeper } from './reservations/expiry-sweeper.js';

export type RunningInventoryService = RunningEventDrivenService<InventoryDatabase>;

/** Opens the database (migrating and seeding it), consumes stock commands, sweeps expired reservations, serves InventoryService. */
export function startInventoryService(config: InventoryConfig, logger: Logger): Promise<RunningInventoryService> {
  return startEventDrivenService<InventoryDatabase>({
    service: 'inventory',
    config,
    logger,
    migrations: inventoryMigrations,
    topicOf,
    topics: [topics.inventoryCommands, topics.inventoryEvents, topics.ordersEvents],
    grpc: ({ database }) => ({
      module: InventoryModule.withDatabase(database),
      services: [inventoryV1.InventoryServiceService],
      protos: contractProtos,
    }),
    startBeforeServing: true,
    start: (context) => startReservations(context, config, logger),
  });
}

async function startReservations(
  { database, messaging, onShutdown }: StartHookContext<InventoryDatabase>,
  config: InventoryConfig,
  logger: Logger,
): Promise<void> {
  const group = config.KAFKA_CONSUMER_GROUP;
  // Orders are independent of each other: several partitions at once, each still in order.
  const consumer = messaging.consumer({ groupId: group, topics: [topics.inventoryCommands, topics.ordersEvents], partitionsConsumedConcurrently: 3 });
  registerCommandHandlers(consumer, { database, group, outbox: messaging.outbox, reservationTtlMs: config.RESERVATION_TTL_MS });
  registerOrderEventHandlers(consumer, { database, group, logger });
  await consumer.start();
  const sweeper = startExpirySweeper({ database, outbox: messaging.outbox, intervalMs: config.SWEEP_INTERVAL_MS, logger });
  onShutdown(() => sweeper.stop());
}
