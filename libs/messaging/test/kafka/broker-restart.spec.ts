import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// A broker of this test's own, so it can be restarted without disturbing the run's shared one.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the local-broker tool is test infrastructure here
import { startKafka, type LocalKafka } from '@bazaar/kafka-local';
import {
  buildRecord,
  createConsumer,
  createPublisher,
  ensureTopics,
  type EventConsumer,
  type IncomingEvent,
  type KafkaConnection,
  type Publisher,
} from '../../src/index.js';
import { connect, eventually, jsonType, testLogger, testTopic, uniqueName } from './support.js';

interface Tick {
  key: string;
  seq: number;
}

const Ticked = jsonType<Tick>('bazaar.test.v1.Ticked');
const KEYS = Array.from({ length: 10 }, (_, i) => `agg-${i}`);
const STEPS = 40; // 400 events, one batch of 10 (one per key) per step

describe('broker stopped and restarted mid-stream', () => {
  let kafka: LocalKafka;
  let dataDir: string;
  let connection: KafkaConnection;
  let publisher: Publisher;
  let consumer: EventConsumer;
  const topic = testTopic(uniqueName('restart'), [Ticked], 3);
  const deliveries: IncomingEvent<Tick>[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'messaging-restart-'));
    kafka = await startKafka({ port: 0, dataDir });
    connection = connect('restart-test', [kafka.brokers]);
    await ensureTopics(connection, [topic], { replicationFactor: 1 });
    publisher = createPublisher(connection, { producer: 'restart-test', topicOf: () => topic, maxRetryTimeMs: 2_000 });
    consumer = createConsumer(connection, { groupId: uniqueName('restart-group'), topics: [topic], logger: testLogger() });
    consumer.on(Ticked, async (event) => {
      deliveries.push(event);
    });
    await consumer.start();
  }, 120_000);

  afterAll(async () => {
    await consumer?.stop().catch(() => undefined);
    await publisher?.disconnect().catch(() => undefined);
    await kafka?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('delivers every event after recovery, in order per key for first deliveries', async () => {
    const published: string[] = [];
    const publishSteps = async (from: number, to: number) => {
      for (let seq = from; seq < to; seq++) {
        const records = KEYS.map((key) => buildRecord({ topic, type: Ticked, key, payload: { key, seq }, producer: 'restart-test' }));
        await publisher.publishRecords(records);
        published.push(...records.map((r) => r.eventId));
      }
    };
    await publishSteps(0, STEPS / 4);
    await kafka.stop();
    // Publishing while the broker is down: the publisher keeps retrying instead of failing.
    const duringOutage = publishSteps(STEPS / 4, STEPS);
    await kafka.restart();
    await duringOutage;
    expect(published).toHaveLength(STEPS * KEYS.length);

    const delivered = () => new Set(deliveries.map((d) => d.eventId));
    await eventually(() => published.every((id) => delivered().has(id)), 90_000, 'every published event');

    // Duplicates are allowed at this layer (the inbox dedupes); losses and reordering are not.
    const firstSeen = new Map<string, IncomingEvent<Tick>>();
    for (const delivery of deliveries) if (!firstSeen.has(delivery.eventId)) firstSeen.set(delivery.eventId, delivery);
    for (const key of KEYS) {
      const seqs = [...firstSeen.values()].filter((d) => d.key === key).map((d) => d.payload.seq);
      expect(seqs).toEqual(Array.from({ length: STEPS }, (_, i) => i));
    }
    expect(consumer.isHealthy()).toBe(true);
  }, 180_000);
});
