import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { MUG, SUNGLASSES } from './support/fake-catalog.js';
import { startCheckoutEnv, type CheckoutEnv } from './support/checkout-env.js';
import { bearer, tokenFor } from './support/tokens.js';

const PROBLEM_JSON = 'application/problem+json';
const ADDRESS = { name: 'Ada Lovelace', street: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', countryCode: 'GB' };
const CARD_TOKEN = 'tok_visa_s3cr3t';

async function fieldsOf(res: Response): Promise<string[]> {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
  return ((await res.json()) as { errors?: { field: string }[] }).errors?.map((e) => e.field) ?? [];
}

describe('gateway cart, checkout and orders over real gRPC doubles', () => {
  let env: CheckoutEnv;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  let keySeq = 0;
  const newKey = () => `key-${Date.now()}-${++keySeq}`;

  beforeAll(async () => {
    env = await startCheckoutEnv({ RATE_LIMIT_PER_MINUTE: '10000' });
    alice = bearer(await tokenFor('alice'));
    bob = bearer(await tokenFor('bob'));
  });
  afterAll(() => env?.stop());
  beforeEach(() => {
    env.cart.carts.clear();
  });

  const fill = async (headers: Record<string, string>) => {
    expect((await env.send('POST', '/api/cart/items', { headers, body: { productId: SUNGLASSES.id, quantity: 2 } })).status).toBe(200);
  };
  const checkout = (headers: Record<string, string>, key: string | undefined, body: unknown = { shippingAddress: ADDRESS, cardToken: CARD_TOKEN }) =>
    env.send('POST', '/api/checkout', { headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, body });

  it('adds, updates and removes cart lines, per user', async () => {
    const added = await env.send('POST', '/api/cart/items', { headers: alice, body: { productId: SUNGLASSES.id, quantity: 2 } });
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({
      items: [
        {
          productId: SUNGLASSES.id,
          name: 'Sunglasses',
          quantity: 2,
          unitPrice: { currencyCode: 'USD', units: '19', nanos: 990000000 },
          lineTotal: { currencyCode: 'USD', units: '39', nanos: 980000000 },
        },
      ],
    });
    await env.send('POST', '/api/cart/items', { headers: alice, body: { productId: MUG.id, quantity: 1 } });
    const patched = await env.send('PATCH', `/api/cart/items/${SUNGLASSES.id}`, { headers: alice, body: { quantity: 5 } });
    expect(((await patched.json()) as { items: { quantity: number }[] }).items.map((i) => i.quantity)).toEqual([5, 1]);
    const removed = await env.send('DELETE', `/api/cart/items/${MUG.id}`, { headers: alice });
    expect(((await removed.json()) as { items: unknown[] }).items).toHaveLength(1);

    expect(await (await env.send('GET', '/api/cart', { headers: bob })).json()).toEqual({ items: [] });
    expect(env.cart.calls.at(-1)!.metadata.get('x-user-id')).toEqual(['bob']);

    const emptied = await env.send('DELETE', '/api/cart', { headers: alice });
    expect(await emptied.json()).toEqual({ items: [] });
  });

  it.each([
    [{ productId: SUNGLASSES.id, quantity: 0 }, ['quantity']],
    [{ productId: SUNGLASSES.id, quantity: 100 }, ['quantity']],
    [{ productId: SUNGLASSES.id, quantity: 1.5 }, ['quantity']],
    [{ productId: '../x', quantity: '1' }, ['productId', 'quantity']],
    [{}, ['productId', 'quantity']],
    [[1, 2], ['body']],
    ['text', ['body']],
  ])('rejects the cart item %j at the edge naming %j', async (body, fields) => {
    const calls = env.cart.calls.length;
    expect(await fieldsOf(await env.send('POST', '/api/cart/items', { headers: alice, body }))).toEqual(fields);
    expect(env.cart.calls).toHaveLength(calls);
  });

  it('relays the cart service verdicts (unknown product → 404, missing line → 404)', async () => {
    expect((await env.send('POST', '/api/cart/items', { headers: alice, body: { productId: 'NOPE', quantity: 1 } })).status).toBe(404);
    expect((await env.send('PATCH', '/api/cart/items/NOPE', { headers: alice, body: { quantity: 1 } })).status).toBe(404);
  });

  it('answers a body that is not JSON with a 400/415 problem that does not echo it', async () => {
    const bad = await fetch(`${env.gateway.url}/api/checkout`, { method: 'POST', headers: { ...alice, 'content-type': 'application/json', 'idempotency-key': newKey() }, body: `{"cardToken":"${CARD_TOKEN}"` });
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain(CARD_TOKEN);
    const text = await fetch(`${env.gateway.url}/api/cart/items`, { method: 'POST', headers: { ...alice, 'content-type': 'application/xml' }, body: '<a/>' });
    expect(text.status).toBe(415);
    expect(text.headers.get('content-type')).toContain(PROBLEM_JSON);
  });

  it('requires an Idempotency-Key on checkout, naming the header', async () => {
    await fill(alice);
    expect(await fieldsOf(await checkout(alice, undefined))).toEqual(['Idempotency-Key']);
    expect(await fieldsOf(await checkout(alice, 'short'))).toEqual(['Idempotency-Key']);
    expect(await fieldsOf(await checkout(alice, 'has spaces in it'))).toEqual(['Idempotency-Key']);
    expect(env.orders.calls).toHaveLength(0);
  });

  it('validates the checkout body without echoing the card token', async () => {
    const res = await checkout(alice, newKey(), { shippingAddress: { ...ADDRESS, countryCode: 'gb', city: '' }, cardToken: `${CARD_TOKEN} with spaces` });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).not.toContain(CARD_TOKEN);
    expect((JSON.parse(text) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['cardToken', 'shippingAddress.city', 'shippingAddress.countryCode']);
  });

  it('checks out: 202 with the order id and Location, sends the cart lines, empties the cart', async () => {
    await fill(alice);
    const key = newKey();
    const res = await checkout({ ...alice, 'x-request-id': 'checkout-1' }, key);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { orderId: string; status: string };
    expect(body).toEqual({ orderId: expect.any(String), status: 'PENDING' });
    expect(res.headers.get('location')).toBe(`/api/orders/${body.orderId}`);

    const placed = env.orders.calls.at(-1)!;
    expect(placed.metadata.get('x-user-id')).toEqual(['alice']);
    expect(placed.request).toMatchObject({ idempotencyKey: key, cardToken: CARD_TOKEN, shippingAddress: ADDRESS, lines: [{ productId: SUNGLASSES.id, quantity: 2, unitPrice: { units: '19' } }] });
    expect(await (await env.send('GET', '/api/cart', { headers: alice })).json()).toEqual({ items: [] });
    expect(JSON.stringify(env.gateway.logs)).not.toContain(CARD_TOKEN);
  });

  it('returns the same order for the same Idempotency-Key, sequentially and concurrently', async () => {
    await fill(alice);
    const key = newKey();
    const [a, b] = await Promise.all([checkout(alice, key), checkout(alice, key)]);
    const again = await checkout(alice, key);
    const ids = await Promise.all([a, b, again].map(async (res) => {
      expect(res.status).toBe(202);
      return ((await res.json()) as { orderId: string }).orderId;
    }));
    expect(new Set(ids).size).toBe(1);
    expect(env.orders.orders.filter((o) => o.orderId === ids[0])).toHaveLength(1);
  });

  it('answers a checkout of an empty cart with a new key with 409', async () => {
    const res = await checkout(alice, newKey());
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ status: 409, detail: 'The cart is empty; add items before checking out.' });
  });

  it("shows an order with its status and timeline to its owner, and a 404 to anyone else", async () => {
    await fill(alice);
    const { orderId } = (await (await checkout(alice, newKey())).json()) as { orderId: string };
    const own = await env.send('GET', `/api/orders/${orderId}`, { headers: alice });
    expect(own.status).toBe(200);
    const order = (await own.json()) as Record<string, unknown>;
    expect(order).toMatchObject({ orderId, status: 'PENDING', lines: [{ productId: SUNGLASSES.id, quantity: 2 }], timeline: [{ step: 'place_order', outcome: 'succeeded', at: expect.stringMatching(/^\d{4}-/) }] });
    expect(order).not.toHaveProperty('userId');

    const other = await env.send('GET', `/api/orders/${orderId}`, { headers: bob });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect((await env.send('GET', '/api/orders/bad%20id', { headers: alice })).status).toBe(400);
  });

  it("lists only the caller's own orders, paged", async () => {
    for (let i = 0; i < 2; i++) {
      await fill(bob);
      expect((await checkout(bob, newKey())).status).toBe(202);
    }
    const first = (await (await env.send('GET', '/api/orders?page_size=1', { headers: bob })).json()) as { orders: { orderId: string }[]; nextPageToken: string };
    expect(first.orders).toHaveLength(1);
    expect(first.nextPageToken).not.toBe('');
    const second = (await (await env.send('GET', `/api/orders?page_size=1&page_token=${first.nextPageToken}`, { headers: bob })).json()) as typeof first;
    expect(second.orders).toHaveLength(1);
    expect(second.orders[0]!.orderId).not.toBe(first.orders[0]!.orderId);
    const bobs = new Set(env.orders.orders.filter((o) => o.userId === 'bob').map((o) => o.orderId));
    expect([...first.orders, ...second.orders].every((o) => bobs.has(o.orderId))).toBe(true);
    expect(await fieldsOf(await env.send('GET', '/api/orders?page_size=101', { headers: bob }))).toEqual(['page_size']);
  });

  it('quotes shipping publicly, validating items and country', async () => {
    const res = await env.gateway.get(`/api/shipping/quote?items=${SUNGLASSES.id}:2,${MUG.id}:1&country=DE`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ cost: { currencyCode: 'EUR', units: '4', nanos: 990000000 }, carrier: 'DHL', estimatedDays: 3 });
    expect(env.shipping.calls.at(-1)!.request).toMatchObject({ items: [{ productId: SUNGLASSES.id, quantity: 2 }, { productId: MUG.id, quantity: 1 }], destination: { countryCode: 'DE' } });
    expect(await fieldsOf(await env.gateway.get('/api/shipping/quote?items=x:0&country=de'))).toEqual(['items', 'country']);
  });

  it('documents the new routes with a bearer security scheme', async () => {
    const doc = (await (await env.gateway.get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.components.securitySchemes).toHaveProperty('bearer', expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.paths['/api/checkout']!['post']!.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/products']!['get']!.security).toBeUndefined();
    expect(JSON.stringify(doc.paths['/api/checkout'])).toContain('Idempotency-Key');
  });
});
