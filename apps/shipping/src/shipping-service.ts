import { contractProtos, messages, shippingV1, topicOf, topics } from '@bazaar/contracts';
import { serveGrpc, type RunningGrpcService } from '@bazaar/grpc';
import { startMessaging, type MessagingRuntime } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import { openServiceDatabase, type Database } from '@bazaar/persistence';
import type { ShippingConfig } from './config.js';
import { shippingMigrations } from './db/migrations/index.js';
import type { ShippingDatabase } from './db/schema.js';
import { orderConfirmedHandler } from './shipments/order-confirmed.js';
import { ShippingModule } from './shipping.module.js';

export const SHIPPING_CONSUMER_GROUP = 'shipping';

export interface ShippingServiceOptions {
  /** Kafka consumer group (and inbox scope); tests isolate runs with their own. */
  consumerGroup?: string;
}

const ignore = async (): Promise<void> => undefined;

/** Opens the database, starts the Kafka side (outbox relay, OrderConfirmed consumer) and serves ShippingService. */
export async function startShippingService(
  config: ShippingConfig,
  logger: Logger,
  options: ShippingServiceOptions = {},
): Promise<RunningGrpcService> {
  const consumerGroup = options.consumerGroup ?? SHIPPING_CONSUMER_GROUP;
  const database = await openServiceDatabase<ShippingDatabase>('shipping', config, shippingMigrations, logger);
  let messaging: MessagingRuntime | undefined;
  let service: RunningGrpcService | undefined;
  try {
    messaging = await startMessaging({
      service: 'shipping',
      config,
      database,
      logger,
      topicOf,
      topics: [topics.ordersEvents, topics.shippingEvents],
    });
    service = await serveGrpc(config, logger, {
      module: ShippingModule.withDatabase(database),
      services: [shippingV1.ShippingServiceService],
      protos: contractProtos,
    });
    const running = messaging;
    service.onShutdown(() => running.stop());
    service.addLivenessCheck(() => running.isHealthy());
    await startOrderConsumer(messaging, database, consumerGroup, logger);
    return service;
  } catch (error) {
    if (service) await service.shutdown('start-up failed');
    else {
      await messaging?.stop();
      await database.close();
    }
    throw error;
  }
}

async function startOrderConsumer(
  messaging: MessagingRuntime,
  database: Database<ShippingDatabase>,
  consumerGroup: string,
  logger: Logger,
): Promise<void> {
  // Every type on the topic needs a handler, or it is dead-lettered; only OrderConfirmed concerns shipping.
  await messaging
    .consumer({ groupId: consumerGroup, topics: [topics.ordersEvents] })
    .on(messages.OrderConfirmed, orderConfirmedHandler({ database, outbox: messaging.outbox, consumerGroup, logger }))
    .on(messages.OrderPlaced, ignore)
    .on(messages.OrderCancelled, ignore)
    .on(messages.OrderShipped, ignore)
    .start();
}
