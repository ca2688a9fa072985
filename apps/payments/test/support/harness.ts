import { messages, paymentsV1, topicOf, topics, type MessageType } from '@bazaar/contracts';
import { createConsumer, createKafkaConnection, createPublisher, type EventConsumer, type KafkaConnection, type Publisher } from '@bazaar/messaging';
import { createLogger, type Logger } from '@bazaar/observability';
import { freePort, waitFor } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';
import { paymentsConfigSchema } from '../../src/config.js';
import { startPaymentsService, type RunningPaymentsService } from '../../src/payments-service.js';

export const silentLogger = createLogger({ service: 'payments-test', level: 'silent' });

export function kafkaBrokers(): string {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is unset: the jest global setup of @bazaar/kafka-local should provide it');
  return brokers;
}

/** Every log line a logger wrote, for asserting what never appears in them. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ service: 'payments', level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

export interface StartedPayments {
  service: RunningPaymentsService;
  grpcAddress: string;
  adminUrl: string;
  consumerGroup: string;
}

export async function startPayments(databaseUrl: string | undefined, logger: Logger = silentLogger): Promise<StartedPayments> {
  const [grpcPort, adminPort] = [await freePort(), await freePort()];
  const config = paymentsConfigSchema.parse({
    GRPC_PORT: String(grpcPort),
    ADMIN_PORT: String(adminPort),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: 'memory://',
    KAFKA_BROKERS: kafkaBrokers(),
  });
  const consumerGroup = `payments-test-${randomUUID().slice(0, 8)}`;
  const service = await startPaymentsService(config, logger, { consumerGroup });
  return { service, grpcAddress: `127.0.0.1:${grpcPort}`, adminUrl: `http://127.0.0.1:${adminPort}`, consumerGroup };
}

export interface SeenEvent {
  type: string;
  payload: { orderId: string } & Record<string, unknown>;
}

const EVENT_TYPES = [messages.PaymentAuthorized, messages.PaymentDeclined, messages.PaymentCaptured, messages.PaymentVoided, messages.PaymentRefunded];

/** Plays the orders saga's part: sends payments commands and reads payments.events.v1. */
export class OrdersSide {
  private readonly connection: KafkaConnection;
  private readonly publisher: Publisher;
  private readonly reader: EventConsumer;
  private readonly seen: SeenEvent[] = [];

  constructor() {
    this.connection = createKafkaConnection({ brokers: kafkaBrokers().split(','), clientId: 'payments-test', logger: silentLogger });
    this.publisher = createPublisher(this.connection, { producer: 'orders-test', topicOf });
    this.reader = createConsumer(this.connection, { groupId: `payments-reader-${randomUUID().slice(0, 8)}`, topics: [topics.paymentsEvents], logger: silentLogger });
    for (const type of EVENT_TYPES) {
      this.reader.on(type as MessageType<never>, async (event) => {
        this.seen.push({ type: type.typeName.split('.').at(-1)!, payload: event.payload as SeenEvent['payload'] });
      });
    }
  }

  async start(): Promise<void> {
    await this.publisher.connect();
    await this.reader.start();
  }

  async stop(): Promise<void> {
    await this.reader.stop();
    await this.publisher.disconnect();
  }

  send<T>(type: MessageType<T>, orderId: string, payload: Partial<T>, eventId?: string): Promise<{ eventId: string }> {
    return this.publisher.publish(type, orderId, type.create(payload), { eventId });
  }

  authorize(orderId: string, cardToken: string, cents = 2599, eventId?: string) {
    return this.send(messages.AuthorizePayment, orderId, { orderId, userId: 'user-1', cardToken, amount: { currencyCode: 'USD', units: String(Math.trunc(cents / 100)), nanos: (cents % 100) * 10_000_000 } }, eventId);
  }

  eventsOf(orderId: string): SeenEvent[] {
    return this.seen.filter((event) => event.payload.orderId === orderId);
  }

  /** Waits until the order has `count` events and returns them, in arrival order (one partition per order). */
  async waitForEvents(orderId: string, count: number): Promise<SeenEvent[]> {
    return waitFor(async () => this.eventsOf(orderId).length >= count && this.eventsOf(orderId), {
      timeoutMs: 25_000,
      what: `${count} payments event(s) of order ${orderId}`,
    });
  }
}

export const newOrderId = () => `order-${randomUUID()}`;
export const { DeclineReason } = paymentsV1;
