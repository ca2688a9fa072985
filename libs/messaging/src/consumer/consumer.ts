import type { Logger } from '@bazaar/observability';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { clientOf, type KafkaConnection } from '../kafka/connection.js';
import { headersToStrings } from '../kafka/headers.js';
import { createRecordSender, type RecordSender } from '../kafka/record-sender.js';
import type { EventHandler, MessageType, TopicSpec } from '../types.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { groupOffsets, startLagReporter } from './lag.js';
import { processRecord, type Registration } from './process-record.js';

export interface EventConsumerOptions {
  groupId: string;
  topics: readonly TopicSpec[];
  /** Handlers by message type name; more can be added with `on()` before start(). */
  handlers?: ReadonlyMap<string, Registration>;
  /** Tries per record before it goes to the DLQ. Default 5. */
  maxAttempts?: number;
  /** Backoff between tries. Default 200 ms doubling up to 10 s. */
  backoff?: BackoffOptions;
  /** Default 30 000 ms. */
  sessionTimeoutMs?: number;
  /** Also the period of the background heartbeat during long handlers. Default 3 000 ms. */
  heartbeatIntervalMs?: number;
  /** Longest a fetch waits for new records. Default 1 000 ms (shorter = faster stop). */
  maxWaitTimeMs?: number;
  /** Partitions handled in parallel (each still in order). Default 1. */
  partitionsConsumedConcurrently?: number;
  /** Where a new group starts: the earliest record (default) or only new ones. */
  fromBeginning?: boolean;
  /** Consumer lag gauge refresh period; 0 turns it off. Default 30 000 ms. */
  lagIntervalMs?: number;
  /** Writes `<topic>.dlq`. Default: a producer of its own on the same connection. */
  dlqSender?: RecordSender;
  logger: Logger;
  /** Called when the consumer crashed and will not restart (it is then unhealthy). */
  onCrash?: (error: Error) => void;
}

export interface EventConsumer {
  readonly groupId: string;
  /** Registers the handler of one message type (before start()). */
  on<T>(type: MessageType<T>, handler: EventHandler<T>): EventConsumer;
  start(): Promise<void>;
  /** Stops fetching, lets the in-flight record finish, commits, leaves the group and disconnects. */
  stop(): Promise<void>;
  /** False once the consumer crashed for good (for the liveness probe). */
  isHealthy(): boolean;
  /** Group membership events, for tests and diagnostics. */
  onGroupJoin(listener: (memberId: string) => void): void;
}

export function createConsumer(connection: KafkaConnection, options: EventConsumerOptions): EventConsumer {
  const { groupId, logger: baseLogger } = options;
  const logger = baseLogger.child({ component: 'kafka-consumer', group: groupId });
  const handlers = new Map<string, Registration>(options.handlers ?? []);
  const dlqByTopic = new Map(options.topics.map((topic) => [topic.name, topic.dlq]));
  const ownDlqSender = options.dlqSender === undefined;
  const dlqSender = options.dlqSender ?? createRecordSender(connection);
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3_000;
  const stopping = new AbortController();
  const joinListeners: ((memberId: string) => void)[] = [];
  let crashed = false;
  let started = false;
  let stopLag: (() => void) | undefined;

  const consumer: Consumer = clientOf(connection).consumer({
    groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: heartbeatIntervalMs,
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 1_000,
    allowAutoTopicCreation: false,
  });

  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart) {
      logger.warn({ err: payload.error }, 'Kafka consumer crashed; the client restarts it');
      return;
    }
    crashed = true;
    logger.error({ err: payload.error }, 'Kafka consumer crashed and will not restart; reporting unhealthy');
    options.onCrash?.(payload.error);
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    logger.info({ memberId: payload.memberId, assignment: payload.memberAssignment }, 'joined consumer group');
    for (const listener of joinListeners) listener(payload.memberId);
  });

  const processorOptions = {
    groupId,
    handlers,
    dlqOf: (topic: string) => dlqByTopic.get(topic) ?? `${topic}.dlq`,
    dlqSender,
    maxAttempts: options.maxAttempts ?? 5,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    logger,
    stopping: stopping.signal,
  };

  const eachMessage = async ({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> => {
    // kafkajs only heartbeats between records; a timer keeps the membership alive during a long handler.
    const safeHeartbeat = (): Promise<void> =>
      heartbeat().catch((error: unknown) => logger.debug({ err: error }, 'heartbeat during handler failed'));
    const timer = setInterval(() => void safeHeartbeat(), heartbeatIntervalMs);
    try {
      await processRecord(
        {
          topic,
          partition,
          offset: message.offset,
          key: message.key === null ? null : message.key.toString('utf8'),
          value: message.value,
          headers: headersToStrings(message.headers),
        },
        safeHeartbeat,
        processorOptions,
      );
    } finally {
      clearInterval(timer);
    }
  };

  const self: EventConsumer = {
    groupId,
    on(type, handler) {
      if (started) throw new Error(`consumer ${groupId}: register handlers before start()`);
      handlers.set(type.typeName, { type: type as MessageType, handler: handler as EventHandler });
      return self;
    },
    async start() {
      if (started) return;
      started = true;
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: options.topics.map((topic) => topic.name), fromBeginning: options.fromBeginning ?? true });
        await consumer.run({ eachMessage, partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1 });
      } catch (error) {
        crashed = true;
        logger.error({ err: error }, 'Kafka consumer failed to start');
        throw error;
      }
      const lagIntervalMs = options.lagIntervalMs ?? 30_000;
      if (lagIntervalMs > 0) stopLag = startLagReporter(connection, groupId, options.topics.map((topic) => topic.name), groupOffsets(groupId), lagIntervalMs, logger);
    },
    async stop() {
      stopLag?.();
      stopping.abort();
      await consumer.disconnect();
      if (ownDlqSender) await dlqSender.disconnect();
      logger.info('Kafka consumer stopped');
    },
    isHealthy: () => !crashed,
    onGroupJoin(listener) {
      joinListeners.push(listener);
    },
  };
  return self;
}
