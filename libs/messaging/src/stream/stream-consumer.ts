import { SpanKind, context, trace, type Link } from '@opentelemetry/api';
import type { Logger } from '@bazaar/observability';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { deadLetterHeaders } from '../dlq/headers.js';
import { clientOf, type KafkaConnection } from '../kafka/connection.js';
import { consumedTotal, dlqTotal } from '../kafka/metrics.js';
import { extractContext, failSpan, tracer } from '../kafka/tracing.js';
import { createRecordSender, type RecordSender } from '../kafka/record-sender.js';
import { kyselyOf, type AnyDatabase, type AnyTransaction, type MessagingTables } from '../outbox/tables.js';
import type { IncomingEvent, MessageType, TopicSpec } from '../types.js';
import { decodeRecord, type Decoded, type EventValidator } from './decode.js';
import { startLagReporter } from '../consumer/lag.js';
import { limitIdleTransaction, lockPartition, readPositions, savePosition, storedPositions } from './offset-store.js';

export interface StreamEvent<T = unknown> extends IncomingEvent<T> {
  /** The partition's stream time including this record: the latest event time seen on the partition so far. */
  streamTime: Date;
}

/** The new records of one fetched batch of one partition, applied in one transaction. */
export interface StreamBatch {
  topic: string;
  partition: number;
  /** Not yet applied and not duplicates of an applied event id, in offset order. */
  events: StreamEvent[];
  /** Stream time before the batch (null before the partition's first event) and after it. */
  streamTimeBefore: Date | null;
  streamTime: Date | null;
}

export interface TransactionalStreamConsumerOptions {
  connection: KafkaConnection;
  database: AnyDatabase;
  /** Kafka consumer group and the key of the stored offsets (and inbox scope). */
  consumer: string;
  topics: readonly TopicSpec[];
  /** Every message type that may arrive; any other type is dead-lettered. */
  types: readonly MessageType[];
  /**
   * Why a decoded event cannot be applied (e.g. a value its tables reject), or undefined. Such records are
   * dead-lettered instead of failing their batch on every retry. Must decide from the event alone (replays).
   */
  validate?: EventValidator;
  /** Applies a batch through `trx`; the new offsets are written in the same transaction. */
  apply: (trx: AnyTransaction, batch: StreamBatch) => Promise<void>;
  /** After the batch's transaction committed (notify watchers, metrics). Must not throw. */
  afterCommit?: (batch: StreamBatch) => void | Promise<void>;
  /** Skip events whose id was applied before (producers may publish a record twice). Needs the inbox table. Default true. */
  deduplicate?: boolean;
  logger: Logger;
  /** Longest a fetch waits for new records. Default 500 ms. */
  maxWaitTimeMs?: number;
  /** Upper bound of one partition's batch in bytes (kafkajs maxBytesPerPartition). Default 1 MiB. */
  maxBatchBytes?: number;
  sessionTimeoutMs?: number;
  /** PostgreSQL ends a batch transaction idle this long (a frozen instance), releasing its partition. Default 60 000 ms. */
  idleTransactionTimeoutMs?: number;
  /** `messaging_consumer_lag` refresh period (from the stored offsets); 0 turns it off. Default 30 000 ms. */
  lagIntervalMs?: number;
  dlqSender?: RecordSender;
}

export interface TransactionalStreamConsumer {
  start(): Promise<void>;
  /** Lets the batch in flight commit, then leaves the group. */
  stop(): Promise<void>;
  isHealthy(): boolean;
}

/**
 * A consumer whose position lives in the service's database, not in Kafka: each batch is applied and its
 * offsets (plus the partition's stream time) are written in ONE transaction, and on every partition
 * assignment it seeks to the stored offsets. It never commits offsets to Kafka, so the effect of each
 * record happens exactly once however often the record is fetched (crash, rebalance, restart), and a fresh
 * database replays the topics from the start of retention.
 */
export function createTransactionalStreamConsumer(options: TransactionalStreamConsumerOptions): TransactionalStreamConsumer {
  const { connection, database, consumer: name } = options;
  const logger = options.logger.child({ component: 'stream-consumer', consumer: name });
  const types = new Map(options.types.map((type) => [type.typeName, type]));
  const dlqOf = new Map(options.topics.map((topic) => [topic.name, topic.dlq]));
  const ownDlqSender = options.dlqSender === undefined;
  const dlqSender = options.dlqSender ?? createRecordSender(connection);
  const topicNames = options.topics.map((topic) => topic.name);
  let crashed = false;
  let stopLag: (() => void) | undefined;

  const consumer: Consumer = clientOf(connection).consumer({
    groupId: name,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 500,
    maxBytesPerPartition: options.maxBatchBytes ?? 1_048_576,
    allowAutoTopicCreation: false,
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart) return void logger.warn({ err: payload.error }, 'stream consumer crashed; the client restarts it');
    crashed = true;
    logger.error({ err: payload.error }, 'stream consumer crashed and will not restart; reporting unhealthy');
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    void seekToStoredPositions(payload.memberAssignment).catch((error: unknown) =>
      logger.warn({ err: error }, 'seeking to stored offsets failed; records before them are skipped instead'),
    );
  });

  /** Where each assigned partition continues: its stored offset, else the start of retention. */
  async function seekToStoredPositions(assignment: Record<string, number[]>): Promise<void> {
    const stored = await readPositions(database, name, topicNames);
    const admin = clientOf(connection).admin();
    await admin.connect();
    try {
      for (const [topic, partitions] of Object.entries(assignment)) {
        const starts = await admin.fetchTopicOffsets(topic);
        for (const partition of partitions) {
          const position = stored.find((p) => p.topic === topic && p.partition === partition);
          const offset = position ? position.nextOffset.toString() : (starts.find((s) => s.partition === partition)?.low ?? '0');
          consumer.seek({ topic, partition, offset });
        }
      }
      logger.info({ assignment }, 'partitions assigned; continuing from stored offsets');
    } finally {
      await admin.disconnect();
    }
  }

  async function applyBatch(topic: string, partition: number, decoded: Decoded[]): Promise<StreamBatch | undefined> {
    return kyselyOf<MessagingTables>(database)
      .transaction()
      .execute(async (trx) => {
        await limitIdleTransaction(trx, options.idleTransactionTimeoutMs ?? 60_000);
        const position = await lockPartition(trx, name, topic, partition);
        const fresh = decoded.filter((record) => BigInt(offsetOf(record)) >= position.nextOffset);
        const last = fresh.at(-1);
        if (!last) return undefined;
        await deadLetter(topic, partition, fresh);
        let events = fresh.flatMap((record) => (record.ok ? [record.event] : []));
        if (options.deduplicate ?? true) events = await claimEventIds(trx, name, events);
        let streamTime = position.streamTime;
        const streamEvents = events.map((event): StreamEvent => {
          if (streamTime === null || event.occurredAt > streamTime) streamTime = event.occurredAt;
          return { ...event, streamTime };
        });
        const batch: StreamBatch = { topic, partition, events: streamEvents, streamTimeBefore: position.streamTime, streamTime };
        if (streamEvents.length > 0) await options.apply(trx, batch);
        await savePosition(trx, name, { topic, partition, nextOffset: BigInt(offsetOf(last)) + 1n, streamTime });
        return batch;
      });
  }

  async function deadLetter(topic: string, partition: number, records: Decoded[]): Promise<void> {
    const poison = records.flatMap((record) => (record.ok ? [] : [record]));
    if (poison.length === 0) return;
    const dlq = dlqOf.get(topic) ?? `${topic}.dlq`;
    const failedAt = new Date();
    // Before the commit: a failed DLQ write rolls the batch back and it is retried.
    await dlqSender.send(
      dlq,
      poison.map((record) => ({
        key: record.key,
        value: record.value,
        headers: deadLetterHeaders(record.headers, { topic, partition, offset: record.offset }, { error: new Error(record.reason), attempts: 0, failedAt }),
      })),
    );
    dlqTotal.inc({ topic }, poison.length);
    for (const record of poison) logger.error({ topic, partition, offset: record.offset, reason: record.reason, dlq }, 'record sent to the dead-letter topic');
  }

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    const last = batch.messages.at(-1);
    if (!last || !isRunning() || isStale()) return;
    const decoded = batch.messages.map((message) => decodeRecord(batch.topic, batch.partition, message, types, options.validate));
    const span = startBatchSpan(name, batch.topic, batch.partition, decoded);
    // Active while the batch is applied and announced: its database spans and log lines belong to it.
    const inBatchSpan = trace.setSpan(context.active(), span);
    let applied: StreamBatch | undefined;
    try {
      applied = await context.with(inBatchSpan, () => applyBatch(batch.topic, batch.partition, decoded));
    } catch (error) {
      failSpan(span, error);
      span.end();
      throw error;
    }
    try {
      resolveOffset(last.offset);
      if (applied) {
        for (const event of applied.events) consumedTotal.inc({ topic: event.topic, type: event.type, group: name, outcome: 'ok' });
        const committed = applied;
        await context.with(inBatchSpan, async () => options.afterCommit?.(committed));
      }
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
    await heartbeat();
  };

  return {
    async start() {
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: topicNames, fromBeginning: true });
        await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
      } catch (error) {
        crashed = true;
        throw error;
      }
      const lagIntervalMs = options.lagIntervalMs ?? 30_000;
      if (lagIntervalMs > 0) // its position is in the database; Kafka's group offsets stay empty
      stopLag = startLagReporter(connection, name, topicNames, storedPositions(database, name), lagIntervalMs, logger);
    },
    async stop() {
      stopLag?.();
      await consumer.disconnect();
      if (ownDlqSender) await dlqSender.disconnect();
      logger.info('stream consumer stopped');
    },
    isHealthy: () => !crashed,
  };
}

/** Most producer spans a batch span links to. */
const MAX_LINKS = 32;

/** One CONSUMER span per applied batch, linked to the spans that produced its records. */
function startBatchSpan(consumer: string, topic: string, partition: number, records: Decoded[]) {
  const links: Link[] = [];
  for (const record of records.slice(0, MAX_LINKS)) {
    const context = trace.getSpanContext(extractContext(record.ok ? record.event.headers : record.headers));
    if (context) links.push({ context });
  }
  return tracer.startSpan(`process ${topic}`, {
    kind: SpanKind.CONSUMER,
    links,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.operation.name': 'process',
      'messaging.destination.name': topic,
      'messaging.consumer.group.name': consumer,
      'messaging.destination.partition.id': String(partition),
      'messaging.batch.message_count': records.length,
    },
  });
}

const offsetOf = (record: Decoded): string => (record.ok ? record.event.offset : record.offset);

/** The events whose id this consumer has not applied before (first occurrence wins), recorded as applied in `trx`. */
async function claimEventIds(trx: AnyTransaction, consumer: string, events: IncomingEvent[]): Promise<IncomingEvent[]> {
  if (events.length === 0) return events;
  const claimed = await trx
    .insertInto('messaging_inbox')
    .values(events.map((event) => ({ consumer_group: consumer, event_id: event.eventId })))
    .onConflict((conflict) => conflict.columns(['consumer_group', 'event_id']).doNothing())
    .returning('event_id')
    .execute();
  const fresh = new Set(claimed.map((row: { event_id: string }) => row.event_id));
  return events.filter((event) => fresh.delete(event.eventId));
}
