import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { metricsRegistry } from '@bazaar/observability';
import { createTestDatabase, type TestDatabase } from '@bazaar/testing';
import type { AnalyticsTopics } from '../src/stream/analytics-stream.js';
import { K, newConsumerName, range, startInstance, waitUntilApplied, type RunningInstance } from './support/analytics.js';
import { createTestTopics, EventScript, script } from './support/events.js';

async function deadLettered(topic: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('messaging_dlq_total')?.get();
  return metric?.values.find((v) => v.labels['topic'] === topic)?.value ?? 0;
}

describe('events PostgreSQL cannot store', () => {
  let topics: AnalyticsTopics;
  let database: TestDatabase;
  let instance: RunningInstance;
  const consumer = newConsumerName('unstorable');

  beforeAll(async () => {
    topics = await createTestTopics('unstorable', 1);
    database = await createTestDatabase({ prefix: 'analytics' });
    const publisher = new EventScript(topics);
    await publisher.publish([
      script.view('2026-01-01T10:00:10Z', 's1', 'P1'),
      script.view('2026-01-01T10:00:11Z', 's2', 'P\u00002'), // text columns reject NUL
      script.addToCart('2026-01-01T10:00:12Z', 's'.repeat(3_000), 'P1'), // beyond the index row size
      script.placed('2026-01-01T10:00:13Z', 'o1', [{ productId: 'P\u00003', quantity: 1, unitCents: 100 }]),
      script.view('2026-01-01T10:00:14Z', 's3', 'P1'),
      script.placed('2026-01-01T10:00:15Z', 'o2', [{ productId: 'P1', quantity: 1, unitCents: 100 }]),
    ]);
    await publisher.close();
    instance = await startInstance(database.url, { topics, consumer });
  }, 60_000);

  afterAll(async () => {
    await instance?.stop();
    await database?.drop();
  });

  it('dead-letters them instead of failing their partition on every retry', async () => {
    await waitUntilApplied(database.url, consumer, topics, 6, 30_000);
    expect(await deadLettered(topics.clickstream.name)).toBe(2);
    expect(await deadLettered(topics.ordersEvents.name)).toBe(1);
    const { windows } = await instance.client.getTopProducts({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:01:00Z'), limit: 10 });
    expect(windows[0]?.products.map((p) => [p.productId, p.views, p.addedToCart, p.ordered])).toEqual([['P1', '2', '0', '1']]);
  }, 60_000);
});
