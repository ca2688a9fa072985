/**
 * The seams of the messaging library. Structural copies of the contract
 * types (platform libs do not import domain contracts): anything shaped like
 * `@bazaar/contracts`' MessageType / TopicSpec fits.
 */

/** A protobuf message type that travels on Kafka. */
export interface MessageType<T = unknown> {
  /** Fully qualified protobuf name, e.g. `bazaar.inventory.v1.ReserveStock`; the `ce_type` header. */
  readonly typeName: string;
  encode(message: T): Uint8Array;
  decode(bytes: Uint8Array): T;
  toJSON(message: T): unknown;
  create(partial: Partial<T>): T;
}

/** A topic of the catalog. */
export interface TopicSpec {
  name: string;
  messageTypes: readonly MessageType<never>[];
  partitions: number;
  retentionMs: number;
  consumerGroups: readonly string[];
  dlq: string;
}

/**
 * Record headers, following the CloudEvents Kafka binding (binary mode) plus
 * W3C trace context: every Bazaar record carries all of them.
 */
export const HEADERS = {
  eventId: 'ce_id',
  type: 'ce_type',
  producer: 'ce_source',
  occurredAt: 'ce_time',
  specVersion: 'ce_specversion',
  contentType: 'content-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  baggage: 'baggage',
} as const;

export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';

/** A fully formed record, ready for the broker (what the outbox stores and the relay publishes). */
export interface OutgoingRecord {
  topic: string;
  /** The aggregate id (order id, session id): per-key order holds. */
  key: string;
  eventId: string;
  type: string;
  producer: string;
  occurredAt: Date;
  value: Uint8Array;
  /** W3C trace context captured when the event was created (traceparent, tracestate, baggage). */
  traceContext: Record<string, string>;
}

/** Publishes records in order, acks=all, idempotent producer. Resolves once the broker acknowledged all of them. */
export interface RecordPublisher {
  publishRecords(records: readonly OutgoingRecord[]): Promise<void>;
}

/** A consumed, decoded event. */
export interface IncomingEvent<T = unknown> {
  eventId: string;
  type: string;
  producer: string;
  occurredAt: Date;
  key: string;
  payload: T;
  topic: string;
  partition: number;
  offset: string;
  /** Every header as a string (trace context included). */
  headers: Record<string, string>;
}

export interface HandlerContext {
  /** Keeps the consumer's group membership alive during long work; call freely. */
  heartbeat(): Promise<void>;
  /** 1 for the first try, then 2, 3… while the consumer retries a failing handler. */
  attempt: number;
}

export type EventHandler<T = unknown> = (event: IncomingEvent<T>, context: HandlerContext) => Promise<void>;

/** Thrown by a handler for a message that can never succeed: it goes to the DLQ without retries. */
export class PermanentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}
