import { contractProtos, messages, shippingV1, topicOf, topics, type ordersV1 } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, type GrpcClient, type RunningGrpcService } from '@bazaar/grpc';
import { createConsumer, createKafkaConnection, createPublisher, ensureTopics, type EventConsumer, type Publisher } from '@bazaar/messaging';
import { createLogger } from '@bazaar/observability';
import { freePort } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';
import { shippingConfigSchema } from '../src/config.js';
import { startShippingService } from '../src/shipping-service.js';

export type ShippingClient = GrpcClient<typeof shippingV1.ShippingServiceService>;
export const silentLogger = createLogger({ service: 'shipping-test', level: 'silent' });

function kafkaBrokers(): string {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is unset: the jest global setup of @bazaar/kafka-local should provide it');
  return brokers;
}

export interface RunningShipping {
  service: RunningGrpcService;
  client: ShippingClient;
  stop(): Promise<void>;
}

/** The service on its own ports and consumer group (so runs never share offsets or inbox rows). */
export async function startShipping(databaseUrl: string | undefined): Promise<RunningShipping> {
  const [grpcPort, adminPort] = [await freePort(), await freePort()];
  const config = shippingConfigSchema.parse({
    GRPC_PORT: String(grpcPort),
    ADMIN_PORT: String(adminPort),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: 'memory://',
    KAFKA_BROKERS: kafkaBrokers(),
  });
  const service = await startShippingService(config, silentLogger, { consumerGroup: `shipping-test-${randomUUID().slice(0, 8)}` });
  const client: ShippingClient = createGrpcClient(shippingV1.ShippingServiceService, {
    address: `127.0.0.1:${grpcPort}`,
    timeoutMs: 5_000,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  return {
    service,
    client,
    stop: async () => {
      client.close();
      await service.shutdown('test done');
    },
  };
}

export type ShippingEvent =
  | { type: 'ShipmentCreated'; payload: shippingV1.ShipmentCreated }
  | { type: 'ShipmentFailed'; payload: shippingV1.ShipmentFailed };

/** Plays the orders service: publishes order events, and reads what shipping answers on shipping.events.v1. */
export class OrdersStandIn {
  private readonly connection = createKafkaConnection({ brokers: kafkaBrokers().split(','), clientId: 'orders-stand-in', logger: silentLogger });
  private readonly publisher: Publisher = createPublisher(this.connection, { producer: 'orders', topicOf });
  private readonly received: ShippingEvent[] = [];
  private readonly reader: EventConsumer = createConsumer(this.connection, {
    groupId: `shipping-test-reader-${randomUUID().slice(0, 8)}`,
    topics: [topics.shippingEvents],
    logger: silentLogger,
    lagIntervalMs: 0,
  })
    .on(messages.ShipmentCreated, async (event) => void this.received.push({ type: 'ShipmentCreated', payload: event.payload }))
    .on(messages.ShipmentFailed, async (event) => void this.received.push({ type: 'ShipmentFailed', payload: event.payload }));

  async start(): Promise<void> {
    // Topics are normally created by the services' start-up; this reader may subscribe first.
    await ensureTopics(this.connection, [topics.ordersEvents, topics.shippingEvents], { replicationFactor: 1 });
    await this.publisher.connect();
    await this.reader.start();
  }

  async stop(): Promise<void> {
    await this.reader.stop();
    await this.publisher.disconnect();
  }

  /** Publishes OrderConfirmed; pass the same eventId again to simulate a redelivery. */
  async confirm(order: Partial<ordersV1.OrderConfirmed>, eventId: string = randomUUID()): Promise<void> {
    await this.publisher.publish(messages.OrderConfirmed, order.orderId ?? '', messages.OrderConfirmed.create(order), { eventId });
  }

  /** OrderCancelled, as the saga publishes it when it gives up on an order. */
  async cancel(orderId: string, reason: string): Promise<string> {
    const { eventId } = await this.publisher.publish(messages.OrderCancelled, orderId, messages.OrderCancelled.create({ orderId, userId: 'user-1', reason }));
    return eventId;
  }

  /** An order event shipping must ignore. */
  async place(orderId: string): Promise<void> {
    await this.publisher.publish(messages.OrderPlaced, orderId, messages.OrderPlaced.create({ orderId, userId: 'user-1' }));
  }

  /** What shipping published for one order so far. */
  eventsFor(orderId: string): ShippingEvent[] {
    return this.received.filter((event) => event.payload.orderId === orderId);
  }
}

export const address = { name: 'Ada Lovelace', street: '1 Analytical Way', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' };

export function confirmedOrder(userId = 'user-1'): Partial<ordersV1.OrderConfirmed> {
  return {
    orderId: `order-${randomUUID()}`,
    userId,
    lines: [{ productId: '6E92ZMYYFZ', quantity: 2, unitPrice: { currencyCode: 'USD', units: '8', nanos: 990_000_000 } }],
    total: { currencyCode: 'USD', units: '17', nanos: 980_000_000 },
    shippingAddress: address,
  };
}
