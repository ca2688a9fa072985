import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor, type TestDatabase } from '@bazaar/testing';
import type { AnalyticsTopics } from '../src/stream/analytics-stream.js';
import { K, newConsumerName, range, startInstance, waitUntilApplied, type RunningInstance } from './support/analytics.js';
import { createTestTopics, EventScript, script } from './support/events.js';

const IDLE_MS = 5_000;

/** Which 1-minute windows from 10:00 to 10:04 are reported closed. */
async function closedMinutes(instance: RunningInstance): Promise<boolean[]> {
  const { windows } = await instance.client.getFunnel({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:04:00Z') });
  return windows.map((w) => Boolean(w.window?.closed));
}

describe('idle partitions (ANALYTICS_IDLE_PARTITION_MS)', () => {
  let topics: AnalyticsTopics;
  let database: TestDatabase;
  let instance: RunningInstance;
  let publisher: EventScript;
  const consumer = newConsumerName('idle');

  beforeAll(async () => {
    // one partition each: the order events' partition goes quiet after one order, the clickstream's goes on
    topics = await createTestTopics('idle', 1);
    database = await createTestDatabase({ prefix: 'analytics' });
    publisher = new EventScript(topics);
    instance = await startInstance(database.url, { topics, consumer, allowedLatenessMs: 0, idlePartitionMs: IDLE_MS });
  }, 60_000);

  afterAll(async () => {
    await publisher?.close();
    await instance?.stop();
    await database?.drop();
  });

  it('stops a quiet partition from holding window closing back, so the last windows of a quiet system close', async () => {
    await publisher.publish([
      script.placed('2026-01-01T10:00:20Z', 'o-1', [{ productId: 'P1', quantity: 1, unitCents: 1_000 }]),
      script.view('2026-01-01T10:00:10Z', 's1', 'P1'),
      script.view('2026-01-01T10:02:30Z', 's1', 'P1'),
      script.view('2026-01-01T10:03:10Z', 's1', 'P1'),
    ]);
    await waitUntilApplied(database.url, consumer, topics, 4);
    // both partitions active: the order events' stream time (10:00:20) holds every window open
    expect(await closedMinutes(instance)).toEqual([false, false, false, false]);

    // quiet for the idle timeout: the highest stream time (10:03:10) closes everything before 10:03
    const closed = await waitFor(
      async () => {
        const flags = await closedMinutes(instance);
        return flags[2] ? flags : undefined;
      },
      { timeoutMs: IDLE_MS + 15_000, intervalMs: 250, what: 'the windows to close once both partitions went quiet' },
    );
    expect(closed).toEqual([true, true, true, false]);
  }, 60_000);
});
