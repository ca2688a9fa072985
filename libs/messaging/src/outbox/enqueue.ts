import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { sql, type Transaction } from '@bazaar/persistence';
import type { MessageType } from '../types.js';
import { OUTBOX_CHANNEL, type AnyTransaction, type MessagingTables } from './tables.js';

export interface EnqueueOptions {
  topic: string;
  /** The producing service (the `ce_source` header). */
  producer: string;
  /** A UUID; generated when absent. Pass one to make a retried business operation enqueue the same event. */
  eventId?: string;
  occurredAt?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes an event into the outbox inside the caller's transaction: it is published if and only if that
 * transaction commits. Enqueue after the state change that locks the aggregate, so that events of one
 * aggregate get ids (= publication order) in commit order.
 */
export async function enqueueEvent<T>(
  trx: AnyTransaction,
  type: MessageType<T>,
  key: string,
  payload: T,
  options: EnqueueOptions,
): Promise<{ eventId: string }> {
  const eventId = options.eventId ?? randomUUID();
  if (!UUID.test(eventId)) throw new TypeError(`outbox: eventId must be a UUID, got ${JSON.stringify(eventId)}`);
  if (key.length === 0) throw new TypeError(`outbox: ${type.typeName} needs a non-empty key (the aggregate id)`);
  if (options.topic.length === 0) throw new TypeError(`outbox: ${type.typeName} needs a topic`);
  const occurredAt = options.occurredAt ?? new Date();
  if (Number.isNaN(occurredAt.getTime())) throw new TypeError('outbox: occurredAt is an invalid date');

  const bytes = type.encode(payload);
  // The trace active now (the business operation's span) is the one the published record continues.
  const traceContext: Record<string, string> = {};
  propagation.inject(context.active(), traceContext);

  const db = trx as Transaction<MessagingTables>;
  await db
    .insertInto('messaging_outbox')
    .values({
      event_id: eventId,
      topic: options.topic,
      key,
      type: type.typeName,
      payload: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      // Cast from text: both drivers then pass the JSON through unchanged.
      trace_context: sql<Record<string, string>>`cast(${JSON.stringify(traceContext)} as jsonb)`,
      producer: options.producer,
      occurred_at: occurredAt,
      published_at: null,
    })
    .execute();
  // Delivered to listeners only when the transaction commits; never on rollback.
  await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db);
  return { eventId };
}

export interface OutboxOptions {
  producer: string;
  /** Routing: the topic a message type is published to (e.g. the contracts catalog's `topicOf`). */
  topicOf: (type: MessageType<never>) => string | { name: string; messageTypes?: readonly { typeName: string }[] };
}

export interface Outbox {
  enqueue<T>(
    trx: AnyTransaction,
    type: MessageType<T>,
    key: string,
    payload: T,
    options?: Pick<EnqueueOptions, 'eventId' | 'occurredAt'>,
  ): Promise<{ eventId: string }>;
}

/** Binds the producer name and topic routing, so services write `outbox.enqueue(trx, OrderPlaced, orderId, event)`. */
export function createOutbox(options: OutboxOptions): Outbox {
  return {
    enqueue: (trx, type, key, payload, extra = {}) => {
      const routed = options.topicOf(type as MessageType<never>);
      const topic = typeof routed === 'string' ? routed : routed.name;
      if (typeof routed !== 'string' && routed.messageTypes && !routed.messageTypes.some((allowed) => allowed.typeName === type.typeName)) {
        throw new TypeError(`outbox: message type ${type.typeName} is not allowed on topic ${topic}`);
      }
      return enqueueEvent(trx, type, key, payload, { ...extra, topic, producer: options.producer });
    },
  };
}
