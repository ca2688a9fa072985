import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs, { type Admin, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import { isPortFree, startKafka, type LocalKafka } from '../src/index.js';
import { eventually } from './eventually.js';

const { Kafka, Partitioners, logLevel } = kafkajs;

// KAFKA_LOCAL_TEST_VERSION lets the ADR's version comparison run this same suite on another broker.
const version = process.env['KAFKA_LOCAL_TEST_VERSION'];
const topic = 'orders.order-events.v1';
const groupId = 'kafka-local-test';

describe(`local Kafka broker${version ? ` ${version}` : ''} with kafkajs`, () => {
  let dataDir: string;
  let broker: LocalKafka;
  let client: InstanceType<typeof Kafka>;
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer;
  const received: KafkaMessage[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kafka-local-test-'));
    broker = await startKafka({ port: 0, dataDir, version });
    client = new Kafka({ clientId: 'kafka-local-test', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    admin = client.admin();
    await admin.connect();
    producer = client.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  }, 180_000);

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await broker?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('creates a topic and round-trips keyed messages with headers through an idempotent producer and a consumer group', async () => {
    expect(broker.brokers).toMatch(/^127\.0\.0\.1:\d+$/);
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });

    const sent = await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'order-1', value: 'created', headers: { 'event-id': 'e-1', type: 'OrderCreated' } },
        { key: 'order-2', value: 'created', headers: { 'event-id': 'e-2', type: 'OrderCreated' } },
        { key: 'order-1', value: 'paid', headers: { 'event-id': 'e-3', type: 'OrderPaid' } },
      ],
    });
    expect(sent.every((record) => record.errorCode === 0)).toBe(true);

    consumer = client.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
    await eventually('3 messages', () => received.length >= 3);

    const order1 = received.filter((m) => m.key?.toString() === 'order-1').map((m) => m.value?.toString());
    expect(order1).toEqual(['created', 'paid']); // same key → same partition → order kept
    const paid = received.find((m) => m.value?.toString() === 'paid')!;
    expect(paid.headers?.['event-id']?.toString()).toBe('e-3');
    expect(paid.headers?.['type']?.toString()).toBe('OrderPaid');

    await eventually('committed offsets for all 3 messages', async () => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets!.partitions.reduce((sum, p) => sum + Math.max(Number(p.offset), 0), 0) === 3;
    });
  }, 60_000);

  it('does not create topics implicitly: producing to an unknown topic fails', async () => {
    const strictProducer = client.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 1, initialRetryTime: 100 },
    });
    await strictProducer.connect();
    try {
      await expect(strictProducer.send({ topic: 'no-such-topic', messages: [{ value: 'x' }] })).rejects.toThrow();
    } finally {
      await strictProducer.disconnect();
    }
    expect(await admin.listTopics()).not.toContain('no-such-topic');
  }, 60_000);

  it('keeps topics and committed offsets across a restart; the running group rejoins and continues', async () => {
    const portBefore = broker.brokers;
    await broker.restart();
    expect(broker.brokers).toBe(portBefore);

    expect(await admin.listTopics()).toContain(topic);
    // Right after a restart the group coordinator may still be loading its offsets ("coordinator is loading").
    let committed = -1;
    await eventually('the committed offsets after the restart', async () => {
      try {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        committed = offsets!.partitions.reduce((sum, p) => sum + Math.max(Number(p.offset), 0), 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(committed).toBe(3);

    await producer.send({ topic, acks: -1, messages: [{ key: 'order-1', value: 'shipped', headers: { 'event-id': 'e-4' } }] });
    await eventually('the message produced after the restart', () => received.length >= 4, 60_000);
    expect(received.map((m) => m.value?.toString())).toEqual(expect.arrayContaining(['created', 'paid', 'shipped']));
    expect(received).toHaveLength(4); // nothing redelivered: the committed offsets survived
  }, 120_000);

  it('stops cleanly: the process is gone and the port is free', async () => {
    await consumer.disconnect();
    const pid = broker.pid;
    const port = Number(broker.brokers.split(':')[1]);
    await broker.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(await isPortFree(port)).toBe(true);
    await broker.stop(); // idempotent
  }, 60_000);
});
