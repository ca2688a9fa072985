import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createConsumer, createPublisher, ensureTopics, type EventConsumer, type KafkaConnection, type Publisher } from '../../src/index.js';
import { connect, eventually, jsonType, testLogger, testTopic, uniqueName } from './support.js';

interface Work {
  name: string;
  ms: number;
}

const WorkRequested = jsonType<Work>('bazaar.test.v1.WorkRequested');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('consumer lifecycle', () => {
  let connection: KafkaConnection;
  let publisher: Publisher;
  const consumers: EventConsumer[] = [];

  beforeAll(() => {
    connection = connect();
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop().catch(() => undefined);
    await publisher?.disconnect();
  });

  async function setUp(prefix: string) {
    const topic = testTopic(uniqueName(prefix), [WorkRequested], 1);
    await ensureTopics(connection, [topic], { replicationFactor: 1 });
    publisher = createPublisher(connection, { producer: 'lifecycle-test', topicOf: () => topic });
    return topic;
  }

  it('keeps the group stable through a handler slower than the session timeout (background heartbeats)', async () => {
    const topic = await setUp('slow');
    const handled: string[] = [];
    let joins = 0;
    const consumer = createConsumer(connection, {
      groupId: uniqueName('slow-group'),
      topics: [topic],
      logger: testLogger(),
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 1_000,
    });
    consumers.push(consumer);
    consumer.onGroupJoin(() => joins++);
    consumer.on(WorkRequested, async ({ payload }) => {
      await sleep(payload.ms);
      handled.push(payload.name);
    });
    await consumer.start();
    await publisher.publish(WorkRequested, 'w', { name: 'slow', ms: 9_000 });
    await publisher.publish(WorkRequested, 'w', { name: 'next', ms: 0 });
    await publisher.publish(WorkRequested, 'w', { name: 'after', ms: 0 });

    await eventually(() => handled.includes('after'), 30_000, 'the records after the slow one');
    expect(handled).toEqual(['slow', 'next', 'after']);
    expect(joins).toBe(1);
    expect(consumer.isHealthy()).toBe(true);
  }, 45_000);

  it('reports a crash the client will not restart from: unhealthy (the liveness probe restarts the pod) and onCrash called', async () => {
    const topic = await setUp('crash');
    const crashes: Error[] = [];
    // below the broker's group.min.session.timeout.ms (6 s): the join fails with a non-retriable error
    const consumer = createConsumer(connection, {
      groupId: uniqueName('crash-group'),
      topics: [topic],
      logger: testLogger(),
      sessionTimeoutMs: 1_000,
      heartbeatIntervalMs: 300,
      onCrash: (error) => crashes.push(error),
    });
    consumers.push(consumer);
    consumer.on(WorkRequested, async () => undefined);
    await consumer.start().catch(() => undefined);
    await eventually(() => !consumer.isHealthy(), 20_000, 'the consumer to report itself unhealthy');
    expect(crashes).toHaveLength(1);
    expect(crashes[0]?.message).toMatch(/session timeout/i);
  }, 30_000);

  it('stop() lets the in-flight handler finish and commits it: a restarted member does not see it again', async () => {
    const topic = await setUp('graceful');
    const groupId = uniqueName('graceful-group');
    const started: string[] = [];
    const finished: string[] = [];
    const make = () => {
      const consumer = createConsumer(connection, { groupId, topics: [topic], logger: testLogger() });
      consumers.push(consumer);
      return consumer.on(WorkRequested, async ({ payload }) => {
        started.push(payload.name);
        await sleep(payload.ms);
        finished.push(payload.name);
      });
    };

    const first = make();
    await first.start();
    await publisher.publish(WorkRequested, 'g', { name: 'in-flight', ms: 1_500 });
    await eventually(() => started.includes('in-flight'), 20_000, 'the handler to start');
    await first.stop();
    expect(finished).toEqual(['in-flight']);

    const second = make();
    await second.start();
    await publisher.publish(WorkRequested, 'g', { name: 'marker', ms: 0 });
    await eventually(() => finished.includes('marker'), 20_000, 'the marker');
    expect(started).toEqual(['in-flight', 'marker']);
  });
});
