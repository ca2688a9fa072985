import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { analyticsV1 } from '@bazaar/contracts';
import { InvalidArgumentError, UnavailableError } from '@bazaar/grpc';
import { freePort, waitFor } from '@bazaar/testing';
import { FakeAnalytics } from './support/fake-analytics.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { openSse } from './support/sse.js';
import { analystToken, bearer, tokenFor } from './support/tokens.js';

const PROBLEM_JSON = 'application/problem+json';
const { WindowKind } = analyticsV1;
const at = (iso: string) => ({ seconds: String(Date.parse(iso) / 1000), nanos: 0 });
const MINUTE = { kind: WindowKind.WINDOW_KIND_TUMBLING_1M, start: at('2026-11-27T10:00:00Z'), end: at('2026-11-27T10:01:00Z'), closed: false };
const MINUTE_JSON = { kind: '1m', start: '2026-11-27T10:00:00.000Z', end: '2026-11-27T10:01:00.000Z', closed: false };
const SHIPPED = { state: 'SHIPPED', orderCount: '2', revenue: [{ currencyCode: 'USD', units: '17', nanos: 980_000_000 }] };

describe('gateway analytics API over a real gRPC AnalyticsService double', () => {
  let analytics: FakeAnalytics;
  let gateway: TestGateway;
  let auth: Record<string, string>;
  const get = (path: string, headers = auth) => gateway.get(path, headers);

  beforeAll(async () => {
    analytics = await new FakeAnalytics().start();
    gateway = await startTestGateway({ ANALYTICS_ADDRESS: analytics.address, ANALYTICS_STREAM_HEARTBEAT_MS: '100' });
    auth = bearer(await analystToken('operator'));
  });
  afterAll(async () => {
    await gateway?.shutdown('test done');
    analytics?.stop();
  });
  beforeEach(() => {
    analytics.calls.length = 0;
  });

  it('needs a bearer token on every route', async () => {
    for (const path of ['/api/analytics/funnel', '/api/analytics/top-products', '/api/analytics/revenue', '/api/analytics/stream']) {
      const res = await gateway.get(path);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
    }
    expect(analytics.calls).toHaveLength(0);
  });

  it("refuses a valid token without the analytics scope (a shopper's) with 403 and an insufficient_scope challenge", async () => {
    const shopper = bearer(await tokenFor('shopper'));
    const otherScopes = bearer(await tokenFor('shopper', 600, ['analytics:write', 'cart']));
    for (const headers of [shopper, otherScopes]) {
      for (const path of ['/api/analytics/funnel', '/api/analytics/top-products', '/api/analytics/revenue', '/api/analytics/stream']) {
        const res = await gateway.get(path, headers);
        expect(res.status).toBe(403);
        expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="bazaar", error="insufficient_scope", scope="analytics:read"');
        expect((await res.json()) as { detail: string }).toMatchObject({ status: 403, detail: expect.stringContaining('"analytics:read"') });
      }
    }
    expect(analytics.calls).toHaveLength(0);
  });

  it('admits a token whose space-separated "scope" claim includes the analytics scope among others', async () => {
    const res = await get('/api/analytics/funnel', bearer(await tokenFor('operator', 600, ['openid', 'analytics:read', 'profile'])));
    expect(res.status).toBe(200);
  });

  it('maps the funnel query to a window range and spells out zeros in the answer', async () => {
    analytics.on('getFunnel', () => ({ windows: [{ window: MINUTE, funnel: { viewed: '3', carted: '1', ordered: '0', shipped: '0' } }] }));
    const res = await get('/api/analytics/funnel?window=5m-sliding&from=2026-11-27T10:00:00Z&to=2026-11-27T11:00:00.5%2B01:00');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ windows: [{ window: MINUTE_JSON, funnel: { viewed: '3', carted: '1', ordered: '0', shipped: '0' } }] });
    expect(analytics.calls[0]).toMatchObject({
      method: 'getFunnel',
      request: { range: { window: WindowKind.WINDOW_KIND_SLIDING_5M_EVERY_1M, from: at('2026-11-27T10:00:00Z'), to: { seconds: String(Date.parse('2026-11-27T10:00:00Z') / 1000), nanos: 500_000_000 } } },
    });
    expect(analytics.calls[0]!.metadata.get('x-user-id')).toEqual(['operator']);
  });

  it('leaves from/to to the service when absent and defaults to 1-minute windows', async () => {
    expect(await (await get('/api/analytics/revenue')).json()).toEqual({ windows: [] });
    expect(analytics.calls[0]!.request).toEqual({ range: { window: WindowKind.WINDOW_KIND_TUMBLING_1M, from: undefined, to: undefined } });
  });

  it('renders top products and revenue (money as in the other routes)', async () => {
    const product = { productId: '6E92ZMYYFZ', views: '5', addedToCart: '2', ordered: '1', conversionPpm: '200000' };
    analytics.on('getTopProducts', () => ({ windows: [{ window: MINUTE, products: [product] }] }));
    analytics.on('getRevenue', () => ({ windows: [{ window: { ...MINUTE, closed: true }, states: [SHIPPED, { state: 'CANCELLED', orderCount: '0', revenue: [] }] }] }));
    expect(await (await get('/api/analytics/top-products?window=1h&limit=3')).json()).toEqual({ windows: [{ window: MINUTE_JSON, products: [product] }] });
    expect(analytics.calls[0]!.request).toMatchObject({ limit: 3, range: { window: WindowKind.WINDOW_KIND_TUMBLING_1H } });
    expect(await (await get('/api/analytics/revenue?window=1h-sliding')).json()).toEqual({
      windows: [
        {
          window: { ...MINUTE_JSON, closed: true },
          states: [
            { state: 'SHIPPED', orderCount: '2', revenue: [{ currencyCode: 'USD', units: '17', nanos: 980000000 }] },
            { state: 'CANCELLED', orderCount: '0', revenue: [] },
          ],
        },
      ],
    });
  });

  it.each([
    ['/api/analytics/funnel?window=2m', ['window']],
    ['/api/analytics/funnel?window=1m&window=5m', ['window']],
    ['/api/analytics/funnel?from=yesterday&to=2026-11-27', ['from', 'to']],
    ['/api/analytics/revenue?from=2026-11-27T10:00:00Z&to=2026-11-27T10:00:00Z', ['to']],
    ['/api/analytics/top-products?limit=0', ['limit']],
    ['/api/analytics/top-products?limit=101', ['limit']],
    ['/api/analytics/top-products?window=constructor&limit=1e2', ['window', 'limit']],
    ['/api/analytics/stream?window=__proto__', ['window']],
  ])('rejects %s at the edge naming %j', async (path, fields) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(fields);
    expect(analytics.calls).toHaveLength(0);
  });

  it("relays the service's verdicts as problems", async () => {
    analytics.on('getFunnel', () => {
      throw InvalidArgumentError.field('range', 'covers too many windows');
    });
    const invalid = await get('/api/analytics/funnel');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ errors: [{ field: 'range', description: 'covers too many windows' }] });
    analytics.on('getFunnel', () => {
      throw new UnavailableError('warming up');
    });
    const unavailable = await get('/api/analytics/funnel');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('content-type')).toContain(PROBLEM_JSON);
  });

  it('streams updates as SSE with heartbeats, and a client that leaves cancels the gRPC call', async () => {
    const watchers = analytics.watchers.length;
    const sse = await openSse(`${gateway.url}/api/analytics/stream?window=5m&limit=3`, auth);
    expect(sse.response.status).toBe(200);
    expect(sse.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(sse.response.headers.get('cache-control')).toBe('no-store');
    const watcher = await waitFor(async () => analytics.watchers[watchers], { what: 'the WatchMetrics call' });
    expect(watcher.request).toEqual({ window: WindowKind.WINDOW_KIND_TUMBLING_5M, topLimit: 3 });
    expect(watcher.metadata.get('x-user-id')).toEqual(['operator']);

    watcher.push({ window: MINUTE, funnel: { viewed: '1', carted: '0', ordered: '0', shipped: '0' }, revenue: [SHIPPED], topProducts: [], lateEvents: '0' });
    const update = await sse.next((f) => f.event === 'metrics');
    expect(JSON.parse(update.data)).toEqual({
      window: MINUTE_JSON,
      funnel: { viewed: '1', carted: '0', ordered: '0', shipped: '0' },
      revenue: [{ state: 'SHIPPED', orderCount: '2', revenue: [{ currencyCode: 'USD', units: '17', nanos: 980000000 }] }],
      topProducts: [],
      lateEvents: '0',
    });
    await sse.next((f) => f.event === 'comment' && f.data === 'heartbeat');

    sse.abort();
    await watcher.cancelled;
    // A hijacked reply skips Fastify's hooks; the stream writes its access-log line itself when it ends.
    await waitFor(async () => gateway.logs.find((l) => l['route'] === '/api/analytics/stream' && l['status'] === 200), { what: 'the access-log line of the stream' });
  });

  it('ends the stream with an error event carrying a problem when the service fails it', async () => {
    const watchers = analytics.watchers.length;
    const sse = await openSse(`${gateway.url}/api/analytics/stream`, { ...auth, 'x-request-id': 'sse-error-1' });
    const watcher = await waitFor(async () => analytics.watchers[watchers], { what: 'the WatchMetrics call' });
    expect(watcher.request.window).toBe(WindowKind.WINDOW_KIND_TUMBLING_1M);
    watcher.fail(new UnavailableError('analytics is restarting'));
    await sse.ended;
    const error = sse.frames.find((f) => f.event === 'error');
    expect(JSON.parse(error!.data)).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'An upstream service is unavailable; retry later.',
      instance: '/api/analytics/stream',
      requestId: 'sse-error-1',
    });
  });

  it('refuses streams beyond ANALYTICS_MAX_STREAMS with a 503 problem', async () => {
    const own = await startTestGateway({ ANALYTICS_ADDRESS: analytics.address, ANALYTICS_MAX_STREAMS: '1', LOG_LEVEL: 'silent' });
    try {
      const first = await openSse(`${own.url}/api/analytics/stream`, auth);
      expect(first.response.status).toBe(200);
      const second = await own.get('/api/analytics/stream', auth);
      expect(second.status).toBe(503);
      expect(second.headers.get('content-type')).toContain(PROBLEM_JSON);
      first.abort();
      await waitFor(async () => (await openSse(`${own.url}/api/analytics/stream`, auth)).response.status === 200, { what: 'a stream once the first left' });
    } finally {
      await own.shutdown('test done');
    }
  });

  it('ends open streams when the gateway shuts down', async () => {
    const own = await startTestGateway({ ANALYTICS_ADDRESS: analytics.address, LOG_LEVEL: 'silent' });
    const watchers = analytics.watchers.length;
    const sse = await openSse(`${own.url}/api/analytics/stream`, auth);
    const watcher = await waitFor(async () => analytics.watchers[watchers], { what: 'the WatchMetrics call' });
    await own.shutdown('SIGTERM');
    await sse.ended;
    await watcher.cancelled;
  });

  it('does not let a stream still being answered at shutdown hold up the drain', async () => {
    const own = await startTestGateway({ ANALYTICS_ADDRESS: analytics.address, DRAIN_TIMEOUT_MS: '8000', LOG_LEVEL: 'silent' });
    const watchers = analytics.watchers.length;
    analytics.answerWatches = false;
    try {
      const pending = own.get('/api/analytics/stream', auth);
      const watcher = await waitFor(async () => analytics.watchers[watchers], { what: 'the WatchMetrics call' });
      const started = Date.now();
      await own.shutdown('SIGTERM');
      expect(Date.now() - started).toBeLessThan(4_000);
      const answer = await pending;
      expect(answer.status).toBe(503);
      expect(answer.headers.get('connection')).toBe('close');
      await watcher.cancelled;
    } finally {
      analytics.answerWatches = true;
    }
  });

  it('cuts off a client that stops reading instead of buffering for it without bound', async () => {
    const watchers = analytics.watchers.length;
    const socket = connect(gateway.port, '127.0.0.1');
    socket.pause(); // never reads: the kernel buffers fill, then the gateway's
    socket.on('error', () => undefined);
    socket.write(`GET /api/analytics/stream?limit=100 HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: ${auth['authorization']}\r\n\r\n`);
    const watcher = await waitFor(async () => analytics.watchers[watchers], { what: 'the WatchMetrics call' });
    const product = { productId: 'P'.repeat(64), views: '1', addedToCart: '0', ordered: '0', conversionPpm: '0' };
    const update = { window: MINUTE, funnel: undefined, revenue: [SHIPPED], topProducts: Array.from({ length: 100 }, () => product), lateEvents: '0' };
    let cancelled = false;
    void watcher.cancelled.then(() => (cancelled = true));
    // ~15 kB per update: 4,000 of them are far more than the socket buffers and the gateway's limit together.
    for (let i = 0; i < 4_000 && !cancelled; i++) {
      watcher.push(update);
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await watcher.cancelled;
    expect(gateway.logs.some((l) => l['msg'] === 'analytics stream: client does not read; closing it')).toBe(true);
    socket.destroy();
  });
});

describe('gateway analytics API without the analytics service', () => {
  it('answers 503 problem+json for queries and for the stream', async () => {
    const gateway = await startTestGateway({ ANALYTICS_ADDRESS: `127.0.0.1:${await freePort()}`, LOG_LEVEL: 'silent' });
    try {
      const auth = bearer(await analystToken('operator'));
      for (const path of ['/api/analytics/funnel', '/api/analytics/stream']) {
        const res = await gateway.get(path, auth);
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
      }
    } finally {
      await gateway.shutdown('test done');
    }
  });
});
