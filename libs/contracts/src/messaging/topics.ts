import type { MessageType } from './message-type.js';
import { messages as m } from './message-types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One Kafka topic: part of the contract. Partitions and retention are the
 * defaults; the platform may override them from config per environment, and
 * the replication factor always comes from config (1 locally, 3 on MSK).
 */
export interface TopicSpec {
  name: string;
  /** What the record key is: the aggregate id, so per-aggregate order holds. */
  key: 'order id' | 'session id';
  messageTypes: readonly MessageType<never>[];
  partitions: number;
  retentionMs: number;
  /** Consumer groups that read it. */
  consumerGroups: readonly string[];
  /** Where its poison or exhausted messages go; every consumed topic has one. */
  dlq: string;
}

const topic = (spec: Omit<TopicSpec, 'dlq' | 'messageTypes'> & { messageTypes: readonly MessageType<never>[] }): TopicSpec => ({
  ...spec,
  dlq: `${spec.name}.dlq`,
});

// `MessageType<never>` lets one list hold every message type; publishing is typed by the MessageType used.
const types = (...list: MessageType<unknown>[]) => list as unknown as readonly MessageType<never>[];

export const topics = {
  ordersEvents: topic({
    name: 'orders.events.v1',
    key: 'order id',
    messageTypes: types(m.OrderPlaced, m.OrderConfirmed, m.OrderCancelled, m.OrderShipped),
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    consumerGroups: ['inventory', 'shipping', 'analytics'],
  }),
  inventoryCommands: topic({
    name: 'inventory.commands.v1',
    key: 'order id',
    messageTypes: types(m.ReserveStock, m.ReleaseStock),
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    consumerGroups: ['inventory'],
  }),
  inventoryEvents: topic({
    name: 'inventory.events.v1',
    key: 'order id',
    messageTypes: types(m.StockReserved, m.StockRejected, m.StockReleased),
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    consumerGroups: ['orders'],
  }),
  paymentsCommands: topic({
    name: 'payments.commands.v1',
    key: 'order id',
    messageTypes: types(m.AuthorizePayment, m.CapturePayment, m.VoidPayment, m.RefundPayment),
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    consumerGroups: ['payments'],
  }),
  paymentsEvents: topic({
    name: 'payments.events.v1',
    key: 'order id',
    messageTypes: types(m.PaymentAuthorized, m.PaymentDeclined, m.PaymentCaptured, m.PaymentVoided, m.PaymentRefunded),
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    consumerGroups: ['orders'],
  }),
  shippingEvents: topic({
    name: 'shipping.events.v1',
    key: 'order id',
    messageTypes: types(m.ShipmentCreated, m.ShipmentFailed),
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    consumerGroups: ['orders'],
  }),
  clickstream: topic({
    name: 'clickstream.v1',
    key: 'session id',
    messageTypes: types(m.ProductViewed, m.ProductsSearched, m.ProductAddedToCart, m.CheckoutStarted),
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    consumerGroups: ['analytics'],
  }),
} as const;

/** Every topic Bazaar uses, in one list. */
export const topicCatalog: readonly TopicSpec[] = Object.values(topics);

const byType = new Map(topicCatalog.flatMap((t) => t.messageTypes.map((type) => [type.typeName, t] as const)));

/** The topic a message type is published to; each type lives on exactly one topic. */
export function topicOf(type: { typeName: string }): TopicSpec {
  const found = byType.get(type.typeName);
  if (!found) throw new Error(`message type ${type.typeName} is on no topic of the catalog`);
  return found;
}

/** The message type registered under a `type` header value, if any. */
export function messageTypeNamed(typeName: string): MessageType<never> | undefined {
  return byType.get(typeName)?.messageTypes.find((t) => t.typeName === typeName);
}
