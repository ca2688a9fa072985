import { messages, topicOf, topics, type MessageType } from '@bazaar/contracts';
import { createConsumer, createKafkaConnection, createPublisher, ensureTopics, type EventConsumer, type Publisher } from '@bazaar/messaging';
import { createLogger } from '@bazaar/observability';
import { waitFor } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';

export interface Seen {
  /** Short type name, e.g. "ReserveStock". */
  type: string;
  key: string;
  payload: Record<string, unknown>;
}

const logger = createLogger({ service: 'orders-test-participants', level: 'silent' });
const shortName = (typeName: string) => typeName.slice(typeName.lastIndexOf('.') + 1);

/**
 * The test's stand-in for inventory, payments and shipping: it reads what orders sends (commands and
 * order events, on the real topics) and publishes their replies with the messaging publisher.
 */
export class Participants {
  readonly seen: Seen[] = [];
  private autoReplyTo: ((seen: Seen) => boolean) | undefined;
  private readonly connection = createKafkaConnection({ brokers: kafkaBrokers(), clientId: 'orders-test', logger });
  private readonly publisher: Publisher = createPublisher(this.connection, { producer: 'orders-test', topicOf });
  private readonly consumer: EventConsumer = createConsumer(this.connection, {
    groupId: `orders-test-participants-${randomUUID().slice(0, 8)}`,
    topics: [topics.inventoryCommands, topics.paymentsCommands, topics.ordersEvents],
    logger,
  });

  async start(): Promise<this> {
    const read = [topics.inventoryCommands, topics.paymentsCommands, topics.ordersEvents];
    await ensureTopics(this.connection, [...read, topics.inventoryEvents, topics.paymentsEvents, topics.shippingEvents], { replicationFactor: 1 });
    for (const topic of read) {
      for (const type of topic.messageTypes) {
        this.consumer.on(type, async (event) => {
          const seen = { type: shortName(event.type), key: event.key, payload: event.payload as Record<string, unknown> };
          this.seen.push(seen);
          if (this.autoReplyTo?.(seen)) await this.answer(seen);
        });
      }
    }
    await this.consumer.start();
    await this.publisher.connect();
    return this;
  }

  /**
   * From now on, answers the commands (and OrderConfirmed) that `ours` accepts with success, as healthy
   * inventory, payments and shipping would — once per delivery, so a redelivered command is answered
   * twice. Test files share the topics: `ours` keeps this away from the orders of the others.
   */
  autoReply(ours: (seen: Seen) => boolean): this {
    this.autoReplyTo = ours;
    return this;
  }

  private async answer({ type, key: orderId, payload }: Seen): Promise<void> {
    if (type === 'ReserveStock') await this.reply(messages.StockReserved, orderId, { reservationId: `res-${orderId}` });
    if (type === 'AuthorizePayment') await this.reply(messages.PaymentAuthorized, orderId, { paymentId: `pay-${orderId}`, amount: payload['amount'] as never });
    if (type === 'CapturePayment') await this.reply(messages.PaymentCaptured, orderId, { paymentId: `pay-${orderId}`, amount: payload['amount'] as never });
    if (type === 'OrderConfirmed') await this.reply(messages.ShipmentCreated, orderId, { shipmentId: `shp-${orderId}`, trackingId: `TRK-${orderId.slice(0, 8)}`, carrier: 'DHL' });
  }

  /** Types sent for one order, in arrival order. */
  sentFor(orderId: string): string[] {
    return this.seen.filter((s) => s.key === orderId).map((s) => s.type);
  }

  async waitFor(orderId: string, type: string, timeoutMs = 20_000): Promise<Seen> {
    return waitFor(async () => this.seen.find((s) => s.key === orderId && s.type === type), { timeoutMs, what: `${type} for ${orderId}` });
  }

  async reply<T>(type: MessageType<T>, orderId: string, payload: Partial<T>): Promise<void> {
    await this.publisher.publish(type, orderId, type.create({ orderId, ...payload } as Partial<T>));
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
    await this.publisher.disconnect();
  }
}

export function kafkaBrokers(): string[] {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is unset: the jest global setup of @bazaar/kafka-local should provide it');
  return brokers.split(',');
}
