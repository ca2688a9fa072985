import { randomBytes, randomUUID } from 'node:crypto';
import { contractProtos, inventoryV1, messages, topicOf, topics } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, type GrpcClient } from '@bazaar/grpc';
import { createConsumer, createKafkaConnection, createPublisher, type EventConsumer, type IncomingEvent, type Publisher } from '@bazaar/messaging';
import { createLogger } from '@bazaar/observability';
import { freePort, waitFor } from '@bazaar/testing';
import { inventoryConfigSchema } from '../../src/config.js';
import type { InventoryDatabase } from '../../src/db/schema.js';
import { startInventoryService, type RunningInventoryService } from '../../src/inventory-service.js';
import type { Kysely } from '@bazaar/persistence';

export const silentLogger = createLogger({ service: 'inventory-test', level: 'silent' });
export type InventoryClient = GrpcClient<typeof inventoryV1.InventoryServiceService>;

export function kafkaBrokers(): string {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is unset: the jest global setup of @bazaar/kafka-local should provide it');
  return brokers;
}

/** A product id no other test (or the seed) uses. */
export const newProductId = () => `T${randomBytes(8).toString('hex').toUpperCase().slice(0, 9)}`;
export const newOrderId = () => `order-${randomUUID()}`;

export async function stockProduct(db: Kysely<InventoryDatabase>, productId: string, onHand: number): Promise<void> {
  await db.insertInto('stock').values({ product_id: productId, on_hand: onHand, reserved: 0 }).execute();
}

export async function startService(databaseUrl: string | undefined, extraEnv: Record<string, string> = {}) {
  const [grpcPort, adminPort] = [await freePort(), await freePort()];
  const config = inventoryConfigSchema.parse({
    GRPC_PORT: String(grpcPort),
    ADMIN_PORT: String(adminPort),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: 'memory://',
    KAFKA_BROKERS: kafkaBrokers(),
    // Its own group and inbox: other suites on a shared broker may run an 'inventory' consumer of their own.
    KAFKA_CONSUMER_GROUP: `inventory-test-${randomUUID().slice(0, 8)}`,
    ...extraEnv,
  });
  const service: RunningInventoryService = await startInventoryService(config, silentLogger);
  const client: InventoryClient = createGrpcClient(inventoryV1.InventoryServiceService, {
    address: `127.0.0.1:${grpcPort}`,
    timeoutMs: 5_000,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  return { service, client, config };
}

type StockEvent = IncomingEvent<unknown>;

/** Publishes inventory commands and reads inventory events (by order id) through the real broker. */
export interface KafkaDriver {
  publisher: Publisher;
  reserve(orderId: string, lines: { productId: string; quantity: number }[], eventId?: string): Promise<void>;
  release(orderId: string, reason?: string): Promise<void>;
  /** Events for the order, in arrival order. */
  eventsFor(orderId: string): StockEvent[];
  /** Waits until the order has at least `count` events and returns them. */
  waitForEvents(orderId: string, count?: number): Promise<StockEvent[]>;
  stop(): Promise<void>;
}

export async function startKafkaDriver(): Promise<KafkaDriver> {
  const connection = createKafkaConnection({ brokers: kafkaBrokers().split(','), clientId: 'inventory-test', logger: silentLogger });
  const publisher = createPublisher(connection, { producer: 'inventory-test', topicOf });
  await publisher.connect();
  const received = new Map<string, StockEvent[]>();
  const collect = async (event: StockEvent) => {
    const orderId = (event.payload as { orderId: string }).orderId;
    received.set(orderId, [...(received.get(orderId) ?? []), event]);
  };
  const consumer: EventConsumer = createConsumer(connection, {
    groupId: `inventory-events-reader-${randomUUID().slice(0, 8)}`,
    topics: [topics.inventoryEvents],
    logger: silentLogger,
    maxWaitTimeMs: 200,
    lagIntervalMs: 0,
    fromBeginning: true,
  })
    .on(messages.StockReserved, collect)
    .on(messages.StockRejected, collect)
    .on(messages.StockReleased, collect);
  await consumer.start();
  const eventsFor = (orderId: string) => received.get(orderId) ?? [];
  return {
    publisher,
    reserve: async (orderId, lines, eventId) => {
      await publisher.publish(messages.ReserveStock, orderId, messages.ReserveStock.create({ orderId, lines }), { eventId });
    },
    release: async (orderId, reason = 'order cancelled') => {
      await publisher.publish(messages.ReleaseStock, orderId, messages.ReleaseStock.create({ orderId, reason }));
    },
    eventsFor,
    waitForEvents: async (orderId, count = 1) => {
      await waitFor(async () => eventsFor(orderId).length >= count, { timeoutMs: 30_000, what: `${count} event(s) for ${orderId}` });
      return eventsFor(orderId);
    },
    stop: async () => {
      await consumer.stop();
      await publisher.disconnect();
    },
  };
}
