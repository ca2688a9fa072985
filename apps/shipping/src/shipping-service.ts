import { contractProtos, messages, shippingV1, topicOf, topics } from '@bazaar/contracts';
import { startEventDrivenService, type RunningEventDrivenService, type ServiceResources } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { ShippingConfig } from './config.js';
import { shippingMigrations } from './db/migrations/index.js';
import type { ShippingDatabase } from './db/schema.js';
import { orderConfirmedHandler } from './shipments/order-confirmed.js';
import { orderCancelledHandler } from './shipments/order-cancelled.js';
import { ShippingModule } from './shipping.module.js';

export const SHIPPING_CONSUMER_GROUP = 'shipping';

export interface ShippingServiceOptions {
  /** Kafka consumer group (and inbox scope); tests isolate runs with their own. */
  consumerGroup?: string;
}

const ignore = async (): Promise<void> => undefined;

/** Opens the database, starts the Kafka side (outbox relay, OrderConfirmed consumer) and serves ShippingService. */
export function startShippingService(
  config: ShippingConfig,
  logger: Logger,
  options: ShippingServiceOptions = {},
): Promise<RunningEventDrivenService<ShippingDatabase>> {
  const consumerGroup = options.consumerGroup ?? SHIPPING_CONSUMER_GROUP;
  return startEventDrivenService<ShippingDatabase>({
    service: 'shipping',
    config,
    logger,
    migrations: shippingMigrations,
    topicOf,
    topics: [topics.ordersEvents, topics.shippingEvents],
    grpc: ({ database }) => ({
      module: ShippingModule.withDatabase(database),
      services: [shippingV1.ShippingServiceService],
      protos: contractProtos,
    }),
    start: (resources) => startOrderConsumer(resources, consumerGroup, logger),
  });
}

async function startOrderConsumer(
  { database, messaging }: ServiceResources<ShippingDatabase>,
  consumerGroup: string,
  logger: Logger,
): Promise<void> {
  // Every type on the topic needs a handler, or it is dead-lettered.
  await messaging
    .consumer({ groupId: consumerGroup, topics: [topics.ordersEvents] })
    .on(messages.OrderConfirmed, orderConfirmedHandler({ database, outbox: messaging.outbox, consumerGroup, logger }))
    .on(messages.OrderPlaced, ignore)
    .on(messages.OrderCancelled, orderCancelledHandler({ database, consumerGroup, logger }))
    .on(messages.OrderShipped, ignore)
    .start();
}
