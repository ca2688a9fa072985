import { randomUUID } from 'node:crypto';
import { metricsRegistry } from '@bazaar/observability';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildRecord,
  createConsumer,
  createPublisher,
  ensureTopics,
  listDlq,
  PermanentError,
  replayDlq,
  type EventConsumer,
  type IncomingEvent,
  type KafkaConnection,
  type OutgoingRecord,
  type Publisher,
  type TopicSpec,
} from '../../src/index.js';
import { readRecords, type ReadRecord } from '../../src/kafka/record-reader.js';
import { connect, eventually, jsonType, testLogger, testTopic, uniqueName } from './support.js';

interface Job {
  name: string;
  mode: 'ok' | 'always-fails' | 'permanent';
}

const JobQueued = jsonType<Job>('bazaar.test.v1.JobQueued');
const FAST_RETRIES = { maxAttempts: 3, backoff: { initialMs: 20, maxMs: 100 } };

async function readAll(connection: KafkaConnection, topic: string): Promise<ReadRecord[]> {
  const records: ReadRecord[] = [];
  await readRecords(connection, { topic, groupId: `reader-${randomUUID()}`, commit: false, onRecord: async (r) => void records.push(r) });
  return records;
}

function record(topic: TopicSpec, key: string, job: Job): OutgoingRecord {
  return buildRecord({ topic, type: JobQueued, key, payload: job, producer: 'dlq-test' });
}

describe('poison messages and failing handlers', () => {
  const topic = testTopic(uniqueName('poison'), [JobQueued], 1);
  let connection: KafkaConnection;
  let publisher: Publisher;
  let consumer: EventConsumer;
  const handled: string[] = [];
  const attempts = new Map<string, number>();

  beforeAll(async () => {
    connection = connect();
    await ensureTopics(connection, [topic], { replicationFactor: 1 });
    publisher = createPublisher(connection, { producer: 'dlq-test', topicOf: () => topic });
    consumer = createConsumer(connection, { groupId: uniqueName('poison-group'), topics: [topic], logger: testLogger(), ...FAST_RETRIES });
    consumer.on(JobQueued, async ({ payload }, { attempt }) => {
      attempts.set(payload.name, attempt);
      if (payload.mode === 'always-fails') throw new Error(`cannot do ${payload.name}`);
      if (payload.mode === 'permanent') throw new PermanentError(`${payload.name} is invalid`);
      handled.push(payload.name);
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await publisher?.disconnect();
  });

  it('dead-letters undecodable, unknown-type, exhausted and permanently failing records while later records on the partition flow', async () => {
    const undecodable = { ...record(topic, 'k', { name: 'x', mode: 'ok' }), value: Buffer.from('{not json') };
    const unknownType = { ...record(topic, 'k', { name: 'y', mode: 'ok' }), type: 'bazaar.test.v1.NobodyHandlesThis' };
    const exhausted = record(topic, 'k', { name: 'exhausted', mode: 'always-fails' });
    await publisher.publishRecords([
      record(topic, 'k', { name: 'first', mode: 'ok' }),
      undecodable,
      unknownType,
      exhausted,
      record(topic, 'k', { name: 'invalid', mode: 'permanent' }),
      record(topic, 'k', { name: 'last', mode: 'ok' }),
    ]);

    await eventually(() => handled.includes('last'), 30_000, 'the record after the poison ones');
    expect(handled).toEqual(['first', 'last']);
    expect(attempts.get('exhausted')).toBe(3);
    expect(attempts.get('invalid')).toBe(1);

    await eventually(async () => (await readAll(connection, topic.dlq)).length === 4, 10_000, 'four dead letters');
    const letters = await readAll(connection, topic.dlq);
    const [badBytes, unknown, tried, permanent] = letters;
    expect(badBytes!.value?.toString()).toBe('{not json');
    expect(badBytes!.headers['dlq_error']).toMatch(/undecodable bazaar\.test\.v1\.JobQueued payload/);
    expect(badBytes!.headers['dlq_attempts']).toBe('0');
    expect(unknown!.headers['dlq_error']).toMatch(/no handler for message type bazaar\.test\.v1\.NobodyHandlesThis/);
    const consumed = await metricsRegistry.metrics();
    expect(consumed).not.toMatch(/messaging_consumed_total\{[^}]*NobodyHandlesThis/);
    expect(consumed).toMatch(new RegExp(`messaging_consumed_total\\{topic="${topic.name}",type="\\(unhandled\\)",[^}]*outcome="dlq"\\} 1`));
    expect(permanent!.headers['dlq_attempts']).toBe('1');
    expect(permanent!.headers['dlq_error']).toBe('PermanentError: invalid is invalid');

    // The exhausted record: original key, value and headers, plus where and why it failed.
    expect(tried!.key).toBe('k');
    expect(JSON.parse(tried!.value!.toString())).toEqual({ name: 'exhausted', mode: 'always-fails' });
    expect(tried!.headers).toMatchObject({
      ce_id: exhausted.eventId,
      ce_type: 'bazaar.test.v1.JobQueued',
      ce_source: 'dlq-test',
      ce_time: exhausted.occurredAt.toISOString(),
      'content-type': 'application/protobuf',
      dlq_error: 'Error: cannot do exhausted',
      dlq_attempts: '3',
      dlq_source_topic: topic.name,
      dlq_source_partition: '0',
      dlq_source_offset: '3',
    });
    expect(Number.isNaN(Date.parse(tried!.headers['dlq_failed_at']!))).toBe(false);

    const summaries = await listDlq(connection, { dlqTopic: topic.dlq });
    expect(summaries.map((s) => s.attempts)).toEqual([0, 0, 3, 1]);
    expect(summaries[2]).toMatchObject({ key: 'k', type: 'bazaar.test.v1.JobQueued', eventId: exhausted.eventId, sourceTopic: topic.name });
    expect(JSON.stringify(summaries)).not.toContain('always-fails');
    expect(consumer.isHealthy()).toBe(true);
  });
});

describe('DLQ replay', () => {
  const topic = testTopic(uniqueName('replay'), [JobQueued], 2);
  let connection: KafkaConnection;
  let publisher: Publisher;
  let consumer: EventConsumer;
  let broken = true;
  const handled: IncomingEvent<Job>[] = [];

  beforeAll(async () => {
    connection = connect();
    await ensureTopics(connection, [topic], { replicationFactor: 1 });
    publisher = createPublisher(connection, { producer: 'dlq-test', topicOf: () => topic });
    consumer = createConsumer(connection, { groupId: uniqueName('replay-group'), topics: [topic], logger: testLogger(), ...FAST_RETRIES });
    consumer.on(JobQueued, async (event) => {
      if (broken) throw new Error('dependency down');
      handled.push(event);
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await publisher?.disconnect();
  });

  it('puts dead letters back on their source topic once, where the fixed handler processes them', async () => {
    const { eventId } = await publisher.publish(JobQueued, 'order-9', { name: 'retry-me', mode: 'ok' });
    await eventually(async () => (await readAll(connection, topic.dlq)).length === 1, 30_000, 'the dead letter');

    expect(await replayDlq(connection, { dlqTopic: topic.dlq, dryRun: true })).toEqual({ replayed: 1 });
    broken = false;
    expect(await replayDlq(connection, { dlqTopic: topic.dlq })).toEqual({ replayed: 1 });

    await eventually(() => handled.length === 1, 30_000, 'the replayed event');
    const [event] = handled;
    expect(event!.eventId).toBe(eventId);
    expect(event!.key).toBe('order-9');
    expect(event!.payload).toEqual({ name: 'retry-me', mode: 'ok' });
    expect(event!.headers['dlq_replayed_at']).toBeDefined();
    expect(Object.keys(event!.headers).filter((h) => h.startsWith('dlq_') && h !== 'dlq_replayed_at')).toEqual([]);

    // Progress is committed: a second run finds nothing new.
    expect(await replayDlq(connection, { dlqTopic: topic.dlq })).toEqual({ replayed: 0 });
  });
});
