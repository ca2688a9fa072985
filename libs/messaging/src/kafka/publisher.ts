import { trace, type Span } from '@opentelemetry/api';
import { Partitioners, type Message, type Producer } from 'kafkajs';
import type { MessageType, OutgoingRecord, RecordPublisher, TopicSpec } from '../types.js';
import { clientOf, type KafkaConnection } from './connection.js';
import { cloudEventHeaders } from './headers.js';
import { publishedTotal } from './metrics.js';
import { buildRecord } from './record.js';
import { extractContext, failSpan, injectContext, startProducerSpan } from './tracing.js';

export interface PublishOptions {
  eventId?: string;
  occurredAt?: Date;
}

export interface Publisher extends RecordPublisher {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Publishes one typed event to its catalog topic; resolves once the brokers acknowledged it. */
  publish<T>(type: MessageType<T>, key: string, payload: T, options?: PublishOptions): Promise<{ eventId: string }>;
}

export interface PublisherOptions {
  /** The producing service's name: the `ce_source` header. */
  producer: string;
  topicOf: (type: MessageType) => TopicSpec;
  /**
   * How often a failed send is retried before publish rejects. Default: until
   * it succeeds (kafkajs's setting for idempotent producers; a bounded count
   * may duplicate a record when the caller re-sends, never lose one).
   */
  retries?: number;
  /** Upper bound of the backoff between retries (ms). Default 10 000. */
  maxRetryTimeMs?: number;
}

/**
 * An idempotent producer (acks=all, one in-flight request per broker, so
 * per-key order survives retries) speaking Bazaar's record format.
 */
export function createPublisher(connection: KafkaConnection, options: PublisherOptions): Publisher {
  const producer: Producer = clientOf(connection).producer({
    // Murmur2 key hashing, as Java clients do: one key lands on the same partition from any client.
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: {
      retries: options.retries ?? Number.MAX_SAFE_INTEGER,
      initialRetryTime: 300,
      maxRetryTime: options.maxRetryTimeMs ?? 10_000,
    },
  });
  let connecting: Promise<void> | undefined;
  const connect = (): Promise<void> => {
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  };

  const publishRecords = async (records: readonly OutgoingRecord[]): Promise<void> => {
    if (records.length === 0) return;
    await connect();
    const spans: Span[] = [];
    const byTopic = new Map<string, Message[]>();
    for (const record of records) {
      const parent = extractContext(record.traceContext);
      const span = startProducerSpan(record.topic, parent, {
        'messaging.message.id': record.eventId,
        'messaging.kafka.message.key': record.key,
      });
      spans.push(span);
      const headers: Record<string, string> = { ...record.traceContext, ...cloudEventHeaders(record) };
      injectContext(trace.setSpan(parent, span), headers);
      const messages = byTopic.get(record.topic) ?? [];
      messages.push({ key: record.key, value: Buffer.from(record.value), headers });
      byTopic.set(record.topic, messages);
    }
    try {
      // One request per broker; kafkajs keeps the array order within each partition.
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      for (const span of spans) failSpan(span, error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
    for (const [topic, messages] of byTopic) publishedTotal.inc({ topic }, messages.length);
  };

  return {
    connect,
    disconnect: async () => {
      connecting = undefined;
      await producer.disconnect();
    },
    publishRecords,
    publish: async (type, key, payload, publishOptions = {}) => {
      const record = buildRecord({
        topic: options.topicOf(type as MessageType),
        type,
        key,
        payload,
        producer: options.producer,
        ...publishOptions,
      });
      await publishRecords([record]);
      return { eventId: record.eventId };
    },
  };
}
