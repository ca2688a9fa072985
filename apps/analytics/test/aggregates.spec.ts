import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor, type TestDatabase } from '@bazaar/testing';
import type { AnalyticsTopics } from '../src/stream/analytics-stream.js';
import { answers, dumpAggregates, K, newConsumerName, range, startInstance, waitUntilApplied, type RunningInstance } from './support/analytics.js';
import { createTestTopics, EventScript, script } from './support/events.js';

// One partition per topic: the script's order is the consumption order.
const events = [
  script.view('2026-01-01T10:00:05Z', 's1', 'P1'),
  script.view('2026-01-01T10:00:20Z', 's2', 'P1'),
  script.search('2026-01-01T10:00:25Z', 's2'),
  script.addToCart('2026-01-01T10:00:30Z', 's1', 'P1'),
  script.view('2026-01-01T10:00:40Z', 's2', 'P2'),
  script.checkout('2026-01-01T10:01:10Z', 's1', 'o1'),
  script.view('2026-01-01T10:01:15Z', 's3', 'P2'),
  script.view('2026-01-01T10:01:50Z', 's3', 'P2'),
  script.placed('2026-01-01T10:01:12Z', 'o1', [{ productId: 'P1', quantity: 2, unitCents: 899 }]),
  script.confirmed('2026-01-01T10:01:30Z', 'o1', 1798),
  script.placed('2026-01-01T10:02:10Z', 'o2', [{ productId: 'P2', quantity: 1, unitCents: 500 }]),
  script.cancelled('2026-01-01T10:02:40Z', 'o2'),
  script.shipped('2026-01-01T10:03:00Z', 'o1'),
  // Moves both partitions' stream time to 10:09 (watermark 10:08 with 60 s lateness).
  script.view('2026-01-01T10:09:00Z', 's4', 'P3'),
  script.placed('2026-01-01T10:09:00Z', 'o3', [{ productId: 'P3', quantity: 1, unitCents: 100 }]),
];

const usd = (units: string, nanos = 0) => ({ currencyCode: 'USD', units, nanos });
const money17_98 = usd('17', 980_000_000);

describe('windowed aggregates of a scripted stream', () => {
  let topics: AnalyticsTopics;
  let database: TestDatabase;
  let instance: RunningInstance;
  const consumer = newConsumerName('aggregates');

  beforeAll(async () => {
    topics = await createTestTopics('aggregates', 1);
    database = await createTestDatabase({ prefix: 'analytics' });
    const publisher = new EventScript(topics);
    await publisher.publish(events);
    await publisher.close();
    instance = await startInstance(database.url, { topics, consumer });
    await waitUntilApplied(database.url, consumer, topics, events.length);
  }, 90_000);

  afterAll(async () => {
    await instance?.stop();
    await database?.drop();
  });

  it('counts views, add-to-cart and orders per product in 1-minute tumbling windows, top products first', async () => {
    const { windows } = await instance.client.getTopProducts({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:03:00Z'), limit: 10 });
    expect(windows.map((w) => w.products)).toEqual([
      [
        { productId: 'P1', views: '2', addedToCart: '1', ordered: '0', conversionPpm: '0' },
        { productId: 'P2', views: '1', addedToCart: '0', ordered: '0', conversionPpm: '0' },
      ],
      [
        { productId: 'P2', views: '2', addedToCart: '0', ordered: '0', conversionPpm: '0' },
        { productId: 'P1', views: '0', addedToCart: '0', ordered: '1', conversionPpm: '0' },
      ],
      [{ productId: 'P2', views: '0', addedToCart: '0', ordered: '1', conversionPpm: '0' }],
    ]);
    expect(windows[0]?.window).toEqual({ kind: K.WINDOW_KIND_TUMBLING_1M, start: { seconds: String(Date.parse('2026-01-01T10:00:00Z') / 1000), nanos: 0 }, end: { seconds: String(Date.parse('2026-01-01T10:01:00Z') / 1000), nanos: 0 }, closed: true });
  });

  it('combines panes into 5-minute windows sliding every minute, with conversion in ppm', async () => {
    const { windows } = await instance.client.getTopProducts({ range: range(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, '2026-01-01T09:56:00Z', '2026-01-01T10:01:00Z'), limit: 1 });
    expect(windows).toHaveLength(5);
    expect(windows[0]?.products).toEqual([{ productId: 'P1', views: '2', addedToCart: '1', ordered: '0', conversionPpm: '0' }]);
    const full = await instance.client.getTopProducts({ range: range(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:01:00Z'), limit: 10 });
    expect(full.windows[0]?.products).toEqual([
      { productId: 'P2', views: '3', addedToCart: '0', ordered: '1', conversionPpm: '333333' },
      { productId: 'P1', views: '2', addedToCart: '1', ordered: '1', conversionPpm: '500000' },
    ]);
  });

  it('follows sessions through the funnel, linking orders to sessions by CheckoutStarted', async () => {
    const tumbling = await instance.client.getFunnel({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:04:00Z') });
    expect(tumbling.windows.map((w) => w.funnel)).toEqual([
      { viewed: '2', carted: '1', ordered: '0', shipped: '0' },
      { viewed: '1', carted: '0', ordered: '1', shipped: '0' },
      // o2 has no CheckoutStarted: it belongs to no session
      { viewed: '0', carted: '0', ordered: '0', shipped: '0' },
      { viewed: '0', carted: '0', ordered: '0', shipped: '1' },
    ]);
    const sliding = await instance.client.getFunnel({ range: range(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:01:00Z') });
    expect(sliding.windows[0]?.funnel).toEqual({ viewed: '3', carted: '1', ordered: '1', shipped: '1' });
  });

  it('sums revenue exactly and counts orders per state', async () => {
    const hour = await instance.client.getRevenue({ range: range(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:01:00Z') });
    expect(hour.windows[0]?.states).toEqual([
      { state: 'PLACED', orderCount: '2', revenue: [usd('22', 980_000_000)] },
      { state: 'CONFIRMED', orderCount: '1', revenue: [money17_98] },
      { state: 'CANCELLED', orderCount: '1', revenue: [usd('5')] },
      { state: 'SHIPPED', orderCount: '1', revenue: [money17_98] },
    ]);
    const minute = await instance.client.getRevenue({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T10:02:00Z', '2026-01-01T10:03:00Z') });
    expect(minute.windows[0]?.states.map((s) => [s.state, s.orderCount])).toEqual([['PLACED', '1'], ['CONFIRMED', '0'], ['CANCELLED', '1'], ['SHIPPED', '0']]);
  });

  it('marks windows closed once the lowest partition watermark passed their end', async () => {
    const { windows } = await instance.client.getFunnel({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T10:07:00Z', '2026-01-01T10:10:00Z') });
    expect(windows.map((w) => w.window?.closed)).toEqual([true, false, false]);
  });

  it('gives the same answers on embedded PGlite (npm start) as on PostgreSQL', async () => {
    const onPostgres = await answers(instance.client, '2026-01-01T09:00:00Z', '2026-01-01T11:00:00Z');
    const embedded = await startInstance(undefined, { topics, consumer: newConsumerName('pglite') });
    try {
      await waitFor(async () => JSON.stringify(await answers(embedded.client, '2026-01-01T09:00:00Z', '2026-01-01T11:00:00Z')) === JSON.stringify(onPostgres), {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'the PGlite instance to answer like the PostgreSQL one',
      });
    } finally {
      await embedded.stop();
    }
  }, 90_000);

  it('gives the same numbers when a fresh database replays the topics from offset zero with the same consumer group', async () => {
    const before = await answers(instance.client, '2026-01-01T09:00:00Z', '2026-01-01T11:00:00Z');
    const dumpBefore = await dumpAggregates(database.url);
    await instance.stop();
    const fresh = await createTestDatabase({ prefix: 'analytics' });
    try {
      instance = await startInstance(fresh.url, { topics, consumer });
      await waitUntilApplied(fresh.url, consumer, topics, events.length);
      expect(await answers(instance.client, '2026-01-01T09:00:00Z', '2026-01-01T11:00:00Z')).toEqual(before);
      expect(await dumpAggregates(fresh.url)).toEqual(dumpBefore);
    } finally {
      await instance.stop();
      await fresh.drop();
    }
  }, 90_000);
});
