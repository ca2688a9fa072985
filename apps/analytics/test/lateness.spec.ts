import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildRecord } from '@bazaar/messaging';
import { metricsRegistry } from '@bazaar/observability';
import { openDatabase, sql } from '@bazaar/persistence';
import { createTestDatabase, type TestDatabase } from '@bazaar/testing';
import { messages } from '@bazaar/contracts';
import { analyticsMigrations } from '../src/db/migrations/index.js';
import type { AnalyticsTopics } from '../src/stream/analytics-stream.js';
import { K, newConsumerName, range, startInstance, waitUntilApplied, type RunningInstance } from './support/analytics.js';
import { at, createTestTopics, EventScript, script } from './support/events.js';

// Allowed lateness 60 s, one partition: the partition's watermark is its latest event time minus 60 s.
const events = [
  script.view('2026-01-01T10:00:10Z', 's1', 'P1'),
  script.view('2026-01-01T10:02:00Z', 's1', 'P1'), // stream time 10:02:00 → watermark 10:01:00: pane 10:00 closed
  script.view('2026-01-01T10:01:30Z', 's2', 'P1'), // out of order, its pane (10:01) still open: folded in
  script.view('2026-01-01T10:00:50Z', 's3', 'P1'), // pane 10:00 closed: late
  script.addToCart('2026-01-01T10:00:59Z', 's4', 'P1'), // late
  script.view('2026-01-01T10:01:01Z', 's5', 'P2'), // out of order within lateness
];

async function lateCounter(): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('analytics_late_events_total')?.get();
  return metric?.values.find((v) => v.labels['stream'] === 'clickstream')?.value ?? 0;
}

describe('event time: out-of-order and late events', () => {
  let topics: AnalyticsTopics;
  let database: TestDatabase;
  let instance: RunningInstance;
  let lateBefore: number;
  const consumer = newConsumerName('lateness');

  beforeAll(async () => {
    topics = await createTestTopics('lateness', 1);
    database = await createTestDatabase({ prefix: 'analytics' });
    const publisher = new EventScript(topics);
    const first = script.view('2026-01-01T10:01:40Z', 's6', 'P2');
    // the same event published twice (a producer retry): applied once
    const duplicate = buildRecord({ topic: topics.clickstream, type: messages.ProductViewed, key: 's6', payload: first.payload as never, producer: 'analytics-test', occurredAt: first.occurredAt });
    await publisher.publish(events);
    await publisher.publishRecords([duplicate, { ...duplicate }]);
    await publisher.close();
    lateBefore = await lateCounter();
    instance = await startInstance(database.url, { topics, consumer, allowedLatenessMs: 60_000 });
    await waitUntilApplied(database.url, consumer, topics, events.length + 2);
  }, 90_000);

  afterAll(async () => {
    await instance?.stop();
    await database?.drop();
  });

  it('folds out-of-order events within the allowed lateness into their windows', async () => {
    const { windows } = await instance.client.getTopProducts({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:03:00Z'), limit: 10 });
    expect(windows.map((w) => w.products.map((p) => [p.productId, p.views, p.addedToCart]))).toEqual([
      [['P1', '1', '0']],
      [['P2', '2', '0'], ['P1', '1', '0']],
      [['P1', '1', '0']],
    ]);
  });

  it('counts events beyond the lateness as late, in the database and the metric, and folds them into no window', async () => {
    const database2 = await openDatabase<unknown>({ service: 'analytics-test', databaseUrl: database.url, migrations: analyticsMigrations });
    try {
      const { rows } = await sql<{ pane_start: Date; stream: string; events: number }>`SELECT pane_start, stream, events FROM late_events`.execute(database2.db);
      expect(rows).toEqual([{ pane_start: at('2026-01-01T10:00:00Z'), stream: 'clickstream', events: 2 }]);
    } finally {
      await database2.close();
    }
    expect((await lateCounter()) - lateBefore).toBe(2);
    // not in a longer window either: the 1-minute pane they belong to is closed for every window shape
    const sliding = await instance.client.getFunnel({ range: range(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:01:00Z') });
    expect(sliding.windows[0]?.funnel).toEqual({ viewed: '4', carted: '0', ordered: '0', shipped: '0' });
  });
});
