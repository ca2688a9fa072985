import { messages, topicOf, topics as catalog, type MessageType, type TopicSpec } from '@bazaar/contracts';
import { buildRecord, createKafkaConnection, createPublisher, ensureTopics, type KafkaConnection, type OutgoingRecord, type Publisher } from '@bazaar/messaging';
import { createLogger } from '@bazaar/observability';
import { randomUUID } from 'node:crypto';
import type { AnalyticsTopics } from '../../src/stream/analytics-stream.js';

export const silentLogger = createLogger({ service: 'analytics-test', level: 'silent' });

export function kafkaBrokers(): string {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is unset: the jest global setup of @bazaar/kafka-local should provide it');
  return brokers;
}

/** Copies of the catalog's two input topics under names of this test only (other suites publish to the real ones). */
export async function createTestTopics(label: string, partitions: number): Promise<AnalyticsTopics> {
  const id = `${label}-${randomUUID().slice(0, 8)}`;
  const copy = (spec: TopicSpec, name: string): TopicSpec => ({ ...spec, name: `analytics-test.${id}.${name}`, dlq: `analytics-test.${id}.${name}.dlq`, partitions });
  const topics = { clickstream: copy(catalog.clickstream, 'clickstream'), ordersEvents: copy(catalog.ordersEvents, 'orders') };
  const connection = createKafkaConnection({ brokers: kafkaBrokers().split(','), clientId: 'analytics-test-admin', logger: silentLogger });
  await ensureTopics(connection, [topics.clickstream, topics.ordersEvents], { replicationFactor: 1 });
  return topics;
}

export const at = (iso: string): Date => new Date(iso);
const usd = (cents: number) => ({ currencyCode: 'USD', units: String(Math.trunc(cents / 100)), nanos: (cents % 100) * 10_000_000 });

/** One scripted event: what, with which key, at which event time. */
export interface ScriptedEvent {
  type: MessageType<never>;
  key: string;
  payload: unknown;
  occurredAt: Date;
  eventId?: string;
}

export const script = {
  view: (time: string, sessionId: string, productId: string): ScriptedEvent => ({
    type: messages.ProductViewed as MessageType<never>,
    key: sessionId,
    payload: { sessionId, userId: `user-of-${sessionId}`, productId },
    occurredAt: at(time),
  }),
  search: (time: string, sessionId: string): ScriptedEvent => ({
    type: messages.ProductsSearched as MessageType<never>,
    key: sessionId,
    payload: { sessionId, userId: '', query: 'mug', resultCount: 3 },
    occurredAt: at(time),
  }),
  addToCart: (time: string, sessionId: string, productId: string): ScriptedEvent => ({
    type: messages.ProductAddedToCart as MessageType<never>,
    key: sessionId,
    payload: { sessionId, userId: `user-of-${sessionId}`, productId, quantity: 1 },
    occurredAt: at(time),
  }),
  checkout: (time: string, sessionId: string, orderId: string): ScriptedEvent => ({
    type: messages.CheckoutStarted as MessageType<never>,
    key: sessionId,
    payload: { sessionId, userId: `user-of-${sessionId}`, orderId },
    occurredAt: at(time),
  }),
  placed: (time: string, orderId: string, lines: { productId: string; quantity: number; unitCents: number }[]): ScriptedEvent => ({
    type: messages.OrderPlaced as MessageType<never>,
    key: orderId,
    payload: {
      orderId,
      userId: 'user-1',
      lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: usd(l.unitCents) })),
      total: usd(lines.reduce((sum, l) => sum + l.quantity * l.unitCents, 0)),
    },
    occurredAt: at(time),
  }),
  confirmed: (time: string, orderId: string, totalCents: number): ScriptedEvent => ({
    type: messages.OrderConfirmed as MessageType<never>,
    key: orderId,
    payload: { orderId, userId: 'user-1', lines: [], total: usd(totalCents) },
    occurredAt: at(time),
  }),
  cancelled: (time: string, orderId: string): ScriptedEvent => ({
    type: messages.OrderCancelled as MessageType<never>,
    key: orderId,
    payload: { orderId, userId: 'user-1', reason: 'payment declined' },
    occurredAt: at(time),
  }),
  shipped: (time: string, orderId: string): ScriptedEvent => ({
    type: messages.OrderShipped as MessageType<never>,
    key: orderId,
    payload: { orderId, userId: 'user-1', trackingId: 'BZAAAAAAAAAAAA' },
    occurredAt: at(time),
  }),
};

/** Publishes scripted events to the test topics, in the given order (per partition order is kept). */
export class EventScript {
  private readonly connection: KafkaConnection = createKafkaConnection({ brokers: kafkaBrokers().split(','), clientId: 'analytics-test-producer', logger: silentLogger });
  private readonly publisher: Publisher;
  published = 0;

  constructor(private readonly topics: AnalyticsTopics) {
    this.publisher = createPublisher(this.connection, { producer: 'analytics-test', topicOf });
  }

  async publish(events: readonly ScriptedEvent[]): Promise<void> {
    const records: OutgoingRecord[] = events.map((event) => {
      const topic = topicOf(event.type).name === catalog.clickstream.name ? this.topics.clickstream : this.topics.ordersEvents;
      return buildRecord({ topic, type: event.type, key: event.key, payload: event.payload as never, producer: 'analytics-test', occurredAt: event.occurredAt, eventId: event.eventId });
    });
    await this.publisher.publishRecords(records);
    this.published += records.length;
  }

  /** Publishes raw records as they are (e.g. a duplicate of an earlier event id). */
  async publishRecords(records: readonly OutgoingRecord[]): Promise<void> {
    await this.publisher.publishRecords(records);
    this.published += records.length;
  }

  async close(): Promise<void> {
    await this.publisher.disconnect();
  }
}
