import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor, type TestDatabase } from '@bazaar/testing';
import type { AnalyticsTopics } from '../src/stream/analytics-stream.js';
import { answers, dumpAggregates, newConsumerName, startInstance, waitUntilApplied, type RunningInstance } from './support/analytics.js';
import { eventMix } from './support/event-mix.js';
import { createTestTopics, EventScript } from './support/events.js';

const FROM = '2026-01-01T09:00:00Z';
const TO = '2026-01-01T13:00:00Z';

describe('scaling by partitions', () => {
  let topics: AnalyticsTopics;
  let shared: TestDatabase;
  let single: TestDatabase;
  let publisher: EventScript;

  beforeAll(async () => {
    topics = await createTestTopics('scaling', 4);
    [shared, single] = [await createTestDatabase({ prefix: 'analytics' }), await createTestDatabase({ prefix: 'analytics' })];
    publisher = new EventScript(topics);
  }, 60_000);

  afterAll(async () => {
    await publisher?.close();
    await shared?.drop();
    await single?.drop();
  });

  it('two instances in one group split the partitions and together give the totals of one instance; either answers for all', async () => {
    const consumer = newConsumerName('pair');
    const pair: RunningInstance[] = [await startInstance(shared.url, { topics, consumer }), await startInstance(shared.url, { topics, consumer })];
    try {
      // Publish in waves until both members have applied something (the second joins a moment later).
      let wave = 0;
      await waitFor(
        async () => {
          await publisher.publish(eventMix(60, new Date(Date.parse('2026-01-01T10:00:00Z') + wave * 120_000).toISOString(), wave));
          wave += 1;
          return pair.every((instance) => instance.batches.length > 0);
        },
        { timeoutMs: 60_000, intervalMs: 500, what: 'both instances to apply records' },
      );
      await waitUntilApplied(shared.url, consumer, topics, publisher.published, 90_000);
      const partitionsOf = (instance: RunningInstance) => new Set(instance.batches.map((b) => `${b.topic}/${b.partition}`));
      expect(partitionsOf(pair[0] as RunningInstance).size).toBeGreaterThan(0);
      expect(partitionsOf(pair[1] as RunningInstance).size).toBeGreaterThan(0);

      const [first, second] = pair as [RunningInstance, RunningInstance];
      const fromPair = await answers(first.client, FROM, TO);
      expect(await answers(second.client, FROM, TO)).toEqual(fromPair);

      const soloConsumer = newConsumerName('solo');
      const solo = await startInstance(single.url, { topics, consumer: soloConsumer });
      try {
        await waitUntilApplied(single.url, soloConsumer, topics, publisher.published, 90_000);
        expect(await answers(solo.client, FROM, TO)).toEqual(fromPair);
      } finally {
        await solo.stop();
      }
      expect(await dumpAggregates(shared.url)).toEqual(await dumpAggregates(single.url));
    } finally {
      for (const instance of pair) await instance.stop();
    }
  }, 240_000);
});
