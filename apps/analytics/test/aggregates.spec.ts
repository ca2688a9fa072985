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
  // The second 5 minutes of 10:00: o3 has no CheckoutStarted.
  script.view('2026-01-01T10:09:00Z', 's4', 'P3'),
  script.placed('2026-01-01T10:09:00Z', 'o3', [{ productId: 'P3', quantity: 1, unitCents: 100 }]),
  // The next hour, so 5-minute and 1-hour windows differ. s5 views in two panes (11:02, 11:05): one distinct session.
  script.view('2026-01-01T11:02:00Z', 's5', 'P3'),
  script.addToCart('2026-01-01T11:02:30Z', 's5', 'P3'),
  script.checkout('2026-01-01T11:03:00Z', 's5', 'o4'),
  script.placed('2026-01-01T11:03:10Z', 'o4', [
    { productId: 'P3', quantity: 2, unitCents: 100 },
    { productId: 'P1', quantity: 1, unitCents: 899 },
  ]),
  // Stream times: orders 11:04, clickstream 11:05. The lowest watermark (60 s lateness) is 11:03.
  script.shipped('2026-01-01T11:04:00Z', 'o4'),
  script.view('2026-01-01T11:05:00Z', 's5', 'P1'),
];

const usd = (units: string, nanos = 0) => ({ currencyCode: 'USD', units, nanos });
const money17_98 = usd('17', 980_000_000);
const money10_99 = usd('10', 990_000_000);

// Expected answers, written out by hand from the script above.
const product = (productId: string, views: number, addedToCart: number, ordered: number, conversionPpm: number) => ({
  productId,
  views: String(views),
  addedToCart: String(addedToCart),
  ordered: String(ordered),
  conversionPpm: String(conversionPpm),
});
const funnel = (viewed: number, carted: number, ordered: number, shipped: number) => ({ viewed: String(viewed), carted: String(carted), ordered: String(ordered), shipped: String(shipped) });
type Usd = ReturnType<typeof usd>;
const states = (placed: [number, Usd?], confirmed: [number, Usd?], cancelled: [number, Usd?], shipped: [number, Usd?]) =>
  (
    [
      ['PLACED', placed],
      ['CONFIRMED', confirmed],
      ['CANCELLED', cancelled],
      ['SHIPPED', shipped],
    ] as const
  ).map(([state, [count, money]]) => ({ state, orderCount: String(count), revenue: money ? [money] : [] }));
const repeat = <T>(times: number, value: T): T[] => Array.from({ length: times }, () => value);
const startsOf = (windows: readonly { window?: { start?: { seconds: string } } }[]) => windows.map((w) => new Date(Number(w.window?.start?.seconds) * 1000).toISOString().replace('.000', ''));
const closedOf = (windows: readonly { window?: { closed: boolean } }[]) => windows.map((w) => w.window?.closed);

// Window contents that recur across kinds.
/** Panes 10:00–10:04: everything but o3 and the next hour. */
const first5m = {
  products: [product('P2', 3, 0, 1, 333_333), product('P1', 2, 1, 1, 500_000)],
  funnel: funnel(3, 1, 1, 1),
  states: states([2, usd('22', 980_000_000)], [1, money17_98], [1, usd('5')], [1, money17_98]),
};
/** Panes 10:00–10:59: all of 10:00. */
const hour10 = {
  products: [product('P2', 3, 0, 1, 333_333), product('P1', 2, 1, 1, 500_000), product('P3', 1, 0, 1, 1_000_000)],
  // o2 and o3 have no CheckoutStarted: in the revenue, in no session's funnel
  funnel: funnel(4, 1, 1, 1),
  states: states([3, usd('23', 980_000_000)], [1, money17_98], [1, usd('5')], [1, money17_98]),
};
/** Panes 11:00–11:59: s5 views P3 and P1 (one session), carts P3, orders both (o4) and o4 ships. Views tie: P3 has more add-to-cart. */
const hour11 = {
  products: [product('P3', 1, 1, 1, 1_000_000), product('P1', 1, 0, 1, 1_000_000)],
  funnel: funnel(1, 1, 1, 1),
  states: states([1, money10_99], [0], [0], [1, money10_99]),
};
/** Pane 11:05 alone: s5's view of P1; o4 was placed and shipped before it. */
const last5m = {
  products: [product('P1', 1, 0, 0, 0)],
  funnel: funnel(1, 0, 0, 0),
  states: states([0], [0], [0], [0]),
};
const empty = { products: [], funnel: funnel(0, 0, 0, 0), states: states([0], [0], [0], [0]) };

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
    const fiveMinutes = await instance.client.getRevenue({ range: range(K.WINDOW_KIND_SLIDING_5M_EVERY_1M, '2026-01-01T10:00:00Z', '2026-01-01T10:01:00Z') });
    expect(fiveMinutes.windows[0]?.states).toEqual([
      { state: 'PLACED', orderCount: '2', revenue: [usd('22', 980_000_000)] },
      { state: 'CONFIRMED', orderCount: '1', revenue: [money17_98] },
      { state: 'CANCELLED', orderCount: '1', revenue: [usd('5')] },
      { state: 'SHIPPED', orderCount: '1', revenue: [money17_98] },
    ]);
    const minute = await instance.client.getRevenue({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T10:02:00Z', '2026-01-01T10:03:00Z') });
    expect(minute.windows[0]?.states.map((s) => [s.state, s.orderCount])).toEqual([['PLACED', '1'], ['CONFIRMED', '0'], ['CANCELLED', '1'], ['SHIPPED', '0']]);
  });

  it('marks windows closed once the lowest partition watermark passed their end', async () => {
    // Watermarks: orders 11:03, clickstream 11:04. Only the lowest closes 11:02–11:03; the clickstream's would close 11:03–11:04 too.
    const { windows } = await instance.client.getFunnel({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T11:02:00Z', '2026-01-01T11:05:00Z') });
    expect(windows.map((w) => w.window?.closed)).toEqual([true, false, false]);
  });

  describe.each([
    {
      kind: K.WINDOW_KIND_TUMBLING_5M,
      name: '5-minute tumbling',
      from: '2026-01-01T10:00:00Z',
      to: '2026-01-01T11:10:00Z',
      // 10:00, 10:05, 10:10 … 10:55 (empty), 11:00, 11:05
      starts: ['10:00', '10:05', '10:10', '10:15', '10:20', '10:25', '10:30', '10:35', '10:40', '10:45', '10:50', '10:55', '11:00', '11:05'],
      expected: [
        first5m,
        {
          // pane 10:09: s4 views P3; o3 (P3, $1.00) placed without a session
          products: [product('P3', 1, 0, 1, 1_000_000)],
          funnel: funnel(1, 0, 0, 0),
          states: states([1, usd('1')], [0], [0], [0]),
        },
        ...repeat(10, empty),
        // 11:00–11:05 holds every order fact of the next hour, but not s5's view at 11:05
        { products: [product('P3', 1, 1, 1, 1_000_000), product('P1', 0, 0, 1, 0)], funnel: funnel(1, 1, 1, 1), states: hour11.states },
        last5m,
      ],
      // ends up to 11:00 are at or before the watermark 11:03
      closed: [...repeat(12, true), false, false],
    },
    {
      kind: K.WINDOW_KIND_TUMBLING_1H,
      name: '1-hour tumbling',
      from: '2026-01-01T09:00:00Z',
      to: '2026-01-01T12:00:00Z',
      starts: ['09:00', '10:00', '11:00'],
      expected: [empty, hour10, hour11],
      closed: [true, true, false],
    },
    {
      kind: K.WINDOW_KIND_SLIDING_1H_EVERY_5M,
      name: '1-hour sliding every 5 minutes',
      from: '2026-01-01T09:00:00Z',
      to: '2026-01-01T11:15:00Z',
      starts: ['09:00', '09:05', '09:10', '09:15', '09:20', '09:25', '09:30', '09:35', '09:40', '09:45', '09:50', '09:55', '10:00', '10:05', '10:10', '10:15', '10:20', '10:25', '10:30', '10:35', '10:40', '10:45', '10:50', '10:55', '11:00', '11:05', '11:10'],
      expected: [
        empty, // 09:00–10:00
        first5m, // 09:05–10:05: panes 10:00–10:04
        ...repeat(11, hour10), // 09:10–10:10 … 10:00–11:00: all of 10:00, nothing of 11:00
        {
          // 10:05–11:05: s4's view and o3 at 10:09, s5 and o4 at 11:02–11:04, not s5's view at 11:05
          products: [product('P3', 2, 1, 2, 1_000_000), product('P1', 0, 0, 1, 0)],
          funnel: funnel(2, 1, 1, 1),
          states: states([2, usd('11', 990_000_000)], [0], [0], [1, money10_99]),
        },
        ...repeat(11, hour11), // 10:10–11:10 … 11:00–12:00: all of 11:00, not 10:09
        last5m, // 11:05–12:05
        empty, // 11:10–12:10
      ],
      // ends up to 11:00 (starts up to 10:00) are at or before the watermark 11:03
      closed: [...repeat(13, true), ...repeat(14, false)],
    },
  ])('$name windows', ({ kind, from, to, starts, expected, closed }) => {
    const expectedStarts = starts.map((hhmm) => `2026-01-01T${hhmm}:00Z`);

    it('count views, add-to-cart and orders per product, top products first, with conversion in ppm', async () => {
      const { windows } = await instance.client.getTopProducts({ range: range(kind, from, to), limit: 10 });
      expect(startsOf(windows)).toEqual(expectedStarts);
      expect(closedOf(windows)).toEqual(closed);
      expect(windows.map((w) => w.products)).toEqual(expected.map((e) => e.products));
      const top1 = await instance.client.getTopProducts({ range: range(kind, from, to), limit: 1 });
      expect(top1.windows.map((w) => w.products)).toEqual(expected.map((e) => e.products.slice(0, 1)));
    });

    it('follow sessions through the funnel', async () => {
      const { windows } = await instance.client.getFunnel({ range: range(kind, from, to) });
      expect(startsOf(windows)).toEqual(expectedStarts);
      expect(closedOf(windows)).toEqual(closed);
      expect(windows.map((w) => w.funnel)).toEqual(expected.map((e) => e.funnel));
    });

    it('sum revenue exactly and count orders per state', async () => {
      const { windows } = await instance.client.getRevenue({ range: range(kind, from, to) });
      expect(startsOf(windows)).toEqual(expectedStarts);
      expect(closedOf(windows)).toEqual(closed);
      expect(windows.map((w) => w.states)).toEqual(expected.map((e) => e.states));
    });
  });

  it('gives the same answers on embedded PGlite (npm start) as on PostgreSQL', async () => {
    const onPostgres = await answers(instance.client, '2026-01-01T09:00:00Z', '2026-01-01T12:00:00Z');
    const embedded = await startInstance(undefined, { topics, consumer: newConsumerName('pglite') });
    try {
      await waitFor(async () => JSON.stringify(await answers(embedded.client, '2026-01-01T09:00:00Z', '2026-01-01T12:00:00Z')) === JSON.stringify(onPostgres), {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'the PGlite instance to answer like the PostgreSQL one',
      });
    } finally {
      await embedded.stop();
    }
  }, 90_000);

  it('gives the same numbers when a fresh database replays the topics from offset zero with the same consumer group', async () => {
    const before = await answers(instance.client, '2026-01-01T09:00:00Z', '2026-01-01T12:00:00Z');
    const dumpBefore = await dumpAggregates(database.url);
    await instance.stop();
    const fresh = await createTestDatabase({ prefix: 'analytics' });
    try {
      instance = await startInstance(fresh.url, { topics, consumer });
      await waitUntilApplied(fresh.url, consumer, topics, events.length);
      expect(await answers(instance.client, '2026-01-01T09:00:00Z', '2026-01-01T12:00:00Z')).toEqual(before);
      expect(await dumpAggregates(fresh.url)).toEqual(dumpBefore);
    } finally {
      await instance.stop();
      await fresh.drop();
    }
  }, 90_000);
});
