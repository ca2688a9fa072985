import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { metricsRegistry } from '@bazaar/observability';
import { freePort } from '@bazaar/testing';
import { derivedSessionId } from '../src/clickstream/visitor.js';
import { MUG, SUNGLASSES } from './support/fake-catalog.js';
import { startCheckoutEnv, type CheckoutEnv } from './support/checkout-env.js';
import { kafkaBrokers, readClickstream, type ClickstreamReader } from './support/clickstream-consumer.js';
import { bearer, tokenFor } from './support/tokens.js';

const ADDRESS = { name: 'Ada Lovelace', street: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', countryCode: 'GB' };

/** The value of a counter sample on /metrics, 0 when absent. */
async function metric(env: CheckoutEnv, name: string, labels: string): Promise<number> {
  const text = await (await env.gateway.get('/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('gateway clickstream on a real Kafka broker', () => {
  let env: CheckoutEnv;
  let reader: ClickstreamReader;

  beforeAll(async () => {
    reader = await readClickstream();
    env = await startCheckoutEnv({ KAFKA_BROKERS: kafkaBrokers(), CLICKSTREAM_FLUSH_INTERVAL_MS: '50', RATE_LIMIT_PER_MINUTE: '10000' });
  }, 60_000);
  afterAll(async () => {
    await env?.stop();
    await reader?.stop();
  });

  it('publishes view, search, add-to-cart and checkout events keyed by the session', async () => {
    const session = `test-${randomUUID()}`;
    const user = `shopper-${randomUUID()}`;
    const headers = { 'x-session-id': session, ...bearer(await tokenFor(user)) };
    expect((await env.gateway.get(`/api/products/${MUG.id}`, { 'x-session-id': session })).status).toBe(200);
    expect((await env.gateway.get('/api/products?q=mug', { 'x-session-id': session })).status).toBe(200);
    expect((await env.send('POST', '/api/cart/items', { headers, body: { productId: SUNGLASSES.id, quantity: 2 } })).status).toBe(200);
    const placed = await env.send('POST', '/api/checkout', { headers: { ...headers, 'idempotency-key': randomUUID() }, body: { shippingAddress: ADDRESS, cardToken: 'tok_visa' } });
    expect(placed.status).toBe(202);
    const { orderId } = (await placed.json()) as { orderId: string };

    const events = await reader.forSession(session, 4);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['bazaar.clickstream.v1.ProductViewed', { sessionId: session, userId: '', productId: MUG.id }],
      ['bazaar.clickstream.v1.ProductsSearched', { sessionId: session, userId: '', query: 'mug', resultCount: 1 }],
      ['bazaar.clickstream.v1.ProductAddedToCart', { sessionId: session, userId: user, productId: SUNGLASSES.id, quantity: 2 }],
      ['bazaar.clickstream.v1.CheckoutStarted', { sessionId: session, userId: user, orderId }],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ key: session, producer: 'gateway', topic: 'clickstream.v1' });
      expect(Math.abs(event.occurredAt.getTime() - Date.now())).toBeLessThan(60_000);
    }
  });

  it('emits nothing for failed requests or later pages of a search', async () => {
    const session = `test-${randomUUID()}`;
    expect((await env.gateway.get('/api/products/..bad..', { 'x-session-id': session })).status).toBe(400);
    expect((await env.gateway.get('/api/products?q=mug&page_token=next-1', { 'x-session-id': session })).status).toBe(200);
    expect((await env.gateway.get(`/api/products/${SUNGLASSES.id}`, { 'x-session-id': session })).status).toBe(200);
    const events = await reader.forSession(session, 1);
    expect(events.map((e) => e.type)).toEqual(['bazaar.clickstream.v1.ProductViewed']);
  });

  it('sends what is still buffered when the gateway shuts down', async () => {
    // A flush interval longer than the test: only the shutdown flush can send the event.
    const own = await startCheckoutEnv({ KAFKA_BROKERS: kafkaBrokers(), CLICKSTREAM_FLUSH_INTERVAL_MS: '600000', LOG_LEVEL: 'warn' });
    const session = `test-${randomUUID()}`;
    try {
      expect((await own.gateway.get(`/api/products/${MUG.id}`, { 'x-session-id': session })).status).toBe(200);
    } finally {
      await own.stop();
    }
    expect((await reader.forSession(session, 1)).map((e) => e.type)).toEqual(['bazaar.clickstream.v1.ProductViewed']);
  });

  it('takes the session from the cookie, else derives one per client that survives logging in', async () => {
    const cookieSession = `cookie-${randomUUID()}`;
    await env.gateway.get(`/api/products/${MUG.id}`, { cookie: `theme=dark; bazaar_session=${cookieSession}` });
    expect((await reader.forSession(cookieSession, 1))[0]!.payload).toMatchObject({ productId: MUG.id });

    const userAgent = `test-agent/${randomUUID()}`;
    await env.gateway.get(`/api/products/${MUG.id}`, { 'user-agent': userAgent, 'x-session-id': 'short' });
    await env.send('POST', '/api/cart/items', { headers: { 'user-agent': userAgent, ...bearer(await tokenFor('derived')) }, body: { productId: MUG.id, quantity: 1 } });
    const derived = await reader.forSession(derivedSessionId('127.0.0.1', userAgent), 2);
    expect(derived.map((e) => e.type)).toEqual(['bazaar.clickstream.v1.ProductViewed', 'bazaar.clickstream.v1.ProductAddedToCart']);
    expect(derived[0]!.payload['sessionId']).toMatch(/^anon-[A-Za-z0-9_-]{22}$/);

    // behind a load balancer: the first forwarded address, so shoppers behind one balancer stay apart
    await env.gateway.get(`/api/products/${MUG.id}`, { 'user-agent': userAgent, 'x-forwarded-for': '203.0.113.7, 10.0.0.2' });
    expect((await reader.forSession(derivedSessionId('203.0.113.7', userAgent), 1))[0]!.payload).toMatchObject({ productId: MUG.id });
  });
});

describe('gateway clickstream while Kafka is unreachable', () => {
  it('serves every request, keeps at most CLICKSTREAM_BUFFER_SIZE events, counts the drops and still shuts down in time', async () => {
    const env = await startCheckoutEnv({
      KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
      CLICKSTREAM_BUFFER_SIZE: '3',
      CLICKSTREAM_FLUSH_INTERVAL_MS: '20',
      CLICKSTREAM_SHUTDOWN_FLUSH_MS: '300',
      LOG_LEVEL: 'warn',
    });
    const full = await metric(env, 'bazaar_clickstream_events_dropped_total', 'reason="buffer_full"');
    const atShutdown = await metric(env, 'bazaar_clickstream_events_dropped_total', 'reason="shutdown"');
    try {
      for (let i = 0; i < 10; i++) expect((await env.gateway.get(`/api/products/${MUG.id}`)).status).toBe(200);
      expect((await env.gateway.get('/readyz')).status).toBe(200);
      expect(await metric(env, 'bazaar_clickstream_events_dropped_total', 'reason="buffer_full"')).toBe(full + 7);
      expect(env.gateway.logs.filter((l) => l['msg'] === 'clickstream: buffer full (Kafka slow or away); dropping events')).toHaveLength(1);
    } finally {
      const started = Date.now();
      await env.stop();
      // Generous: what matters is that nothing waits out the producer's ~1 min of connection retries.
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    const shutdown = (await metricsRegistry.getSingleMetric('bazaar_clickstream_events_dropped_total')!.get()).values.find((v) => v.labels['reason'] === 'shutdown');
    expect(shutdown?.value).toBe(atShutdown + 3);
  });
});

describe('gateway without KAFKA_BROKERS', () => {
  it('starts with the clickstream off and says so once', async () => {
    const env = await startCheckoutEnv({});
    try {
      expect((await env.gateway.get(`/api/products/${MUG.id}`)).status).toBe(200);
      expect(env.gateway.logs.filter((l) => String(l['msg']).startsWith('clickstream disabled'))).toEqual([
        expect.objectContaining({ reason: 'KAFKA_BROKERS is not set' }),
      ]);
    } finally {
      await env.stop();
    }
  });
});
