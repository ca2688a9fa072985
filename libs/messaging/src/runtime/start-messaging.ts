import type { Logger } from '@bazaar/observability';
import { createConsumer, type EventConsumer, type EventConsumerOptions } from '../consumer/index.js';
import { kafkaSettings } from '../kafka/config.js';
import { createKafkaConnection } from '../kafka/connection.js';
import { ensureTopics } from '../kafka/ensure-topics.js';
import { createPublisher, type Publisher } from '../kafka/publisher.js';
import { createOutbox, type Outbox } from '../outbox/enqueue.js';
import { startOutboxRelay } from '../outbox/relay.js';
import type { AnyDatabase } from '../outbox/tables.js';
import type { MessageType, TopicSpec } from '../types.js';
import type { MessagingConfig } from './messaging-config.js';

export interface MessagingRuntimeOptions {
  /** The service: Kafka client id and the `ce_source` of what it publishes. */
  service: string;
  config: MessagingConfig;
  /** The service's own database: its outbox is relayed to Kafka. */
  database: AnyDatabase;
  logger: Logger;
  /** Routing from the topic catalog (`topicOf` of @bazaar/contracts). */
  topicOf: (type: MessageType) => TopicSpec;
  /** Topics it produces to or consumes: created at start if missing (auto creation is off). */
  topics: readonly TopicSpec[];
}

export type ConsumeOptions = Omit<EventConsumerOptions, 'logger' | 'dlqSender'>;

/** A service's Kafka side, started and stopped as one. */
export interface MessagingRuntime {
  /** Write events in the caller's transaction; the relay publishes them. */
  outbox: Outbox;
  /** Direct, fire-and-acknowledge publishing (for events with no state change behind them, e.g. clickstream). */
  publisher: Publisher;
  /** A consumer for a group; register handlers with `on()`, then `start()` it. Stopped by stop(). */
  consumer(options: ConsumeOptions): EventConsumer;
  /** False once a consumer crashed for good: wire it to the liveness probe. */
  isHealthy(): boolean;
  /** Consumers (finish in-flight, commit) → outbox relay (finish the batch) → producer. Idempotent. */
  stop(): Promise<void>;
}

export async function startMessaging(options: MessagingRuntimeOptions): Promise<MessagingRuntime> {
  const { config, logger, service } = options;
  const connection = createKafkaConnection({ ...kafkaSettings(config), clientId: service, logger });
  // ensureTopics logs what it creates.
  await ensureTopics(connection, options.topics, {
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    partitionsOverride: config.KAFKA_TOPIC_PARTITIONS,
  });

  const publisher = createPublisher(connection, { producer: service, topicOf: options.topicOf });
  await publisher.connect();
  const relay = startOutboxRelay({ database: options.database, publisher, logger });
  const consumers: EventConsumer[] = [];

  let stopping: Promise<void> | undefined;
  return {
    outbox: createOutbox({ producer: service, topicOf: options.topicOf }),
    publisher,
    consumer(consumeOptions) {
      const consumer = createConsumer(connection, { ...consumeOptions, logger });
      consumers.push(consumer);
      return consumer;
    },
    isHealthy: () => consumers.every((c) => c.isHealthy()),
    stop: () =>
      (stopping ??= (async () => {
        await Promise.all(consumers.map((c) => c.stop()));
        await relay.stop();
        await publisher.disconnect();
      })()),
  };
}
