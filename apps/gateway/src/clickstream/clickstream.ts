import { setTimeout as sleep } from 'node:timers/promises';
import { topicOf, topics, type MessageType } from '@bazaar/contracts';
import { buildRecord, createKafkaConnection, createPublisher, ensureTopics, kafkaSettings } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { GatewayConfig } from '../config.js';
import { ClickstreamBuffer } from './clickstream-buffer.js';
import type { Visitor } from './visitor.js';

export const CLICKSTREAM = Symbol('CLICKSTREAM');

/** Where the gateway's clickstream events go; emitting never waits and never throws. */
export interface Clickstream {
  /** Records `payload` now (its occurred-at) for the visitor's session; it is sent later, in a batch. */
  emit<T extends Visitor>(type: MessageType<T>, payload: T): void;
  /** Sends what is buffered (at most CLICKSTREAM_SHUTDOWN_FLUSH_MS), then disconnects. Idempotent. */
  close(): Promise<void>;
}

const disabled: Clickstream = { emit: () => undefined, close: async () => undefined };

type ClickstreamConfig = Pick<
  GatewayConfig,
  | 'KAFKA_BROKERS'
  | 'KAFKA_SSL'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
  | 'AWS_REGION'
  | 'KAFKA_REPLICATION_FACTOR'
  | 'KAFKA_TOPIC_PARTITIONS'
  | 'CLICKSTREAM_ENABLED'
  | 'CLICKSTREAM_BUFFER_SIZE'
  | 'CLICKSTREAM_BATCH_SIZE'
  | 'CLICKSTREAM_FLUSH_INTERVAL_MS'
  | 'CLICKSTREAM_SHUTDOWN_FLUSH_MS'
>;

/**
 * The clickstream producer. Without KAFKA_BROKERS (or with
 * CLICKSTREAM_ENABLED=false) it is off, said once in the log. With brokers it
 * never delays start-up or readiness: the producer connects on the first
 * batch and the topic check runs in the background.
 */
export function startClickstream(config: ClickstreamConfig, logger: Logger): Clickstream {
  const brokers = config.KAFKA_BROKERS;
  if (!brokers || !config.CLICKSTREAM_ENABLED) {
    logger.info(
      { reason: brokers ? 'CLICKSTREAM_ENABLED=false' : 'KAFKA_BROKERS is not set' },
      'clickstream disabled: no analytics events are published',
    );
    return disabled;
  }
  const log = logger.child({ component: 'clickstream' });
  const connection = createKafkaConnection({ ...kafkaSettings({ ...config, KAFKA_BROKERS: brokers }), clientId: 'gateway', logger: log });
  const publisher = createPublisher(connection, { producer: 'gateway', topicOf });
  const buffer = new ClickstreamBuffer(publisher, {
    capacity: config.CLICKSTREAM_BUFFER_SIZE,
    batchSize: config.CLICKSTREAM_BATCH_SIZE,
    flushIntervalMs: config.CLICKSTREAM_FLUSH_INTERVAL_MS,
    logger: log,
  });
  // npm start and the analytics service create the topic too; this covers a gateway deployed first.
  ensureTopics(connection, [topics.clickstream], {
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    partitionsOverride: config.KAFKA_TOPIC_PARTITIONS,
  }).catch((error: unknown) => log.warn({ err: error }, 'clickstream: could not check the topic; publishing anyway'));
  log.info({ topic: topics.clickstream.name, brokers }, 'clickstream enabled');

  let closing: Promise<void> | undefined;
  const close = async () => {
    const deadline = Date.now() + config.CLICKSTREAM_SHUTDOWN_FLUSH_MS;
    await buffer.close(config.CLICKSTREAM_SHUTDOWN_FLUSH_MS);
    // A producer still retrying a connection is not waited for past the deadline.
    await Promise.race([publisher.disconnect().catch(() => undefined), sleep(Math.max(0, deadline - Date.now()), undefined, { ref: false })]);
  };
  return {
    emit(type, payload) {
      buffer.offer(buildRecord({ topic: topicOf(type), type, key: payload.sessionId, payload, producer: 'gateway' }));
    },
    close: () => (closing ??= close()),
  };
}
