import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MUG, SUNGLASSES } from './support/fake-catalog.js';
import { startCheckoutEnv, type CheckoutEnv } from './support/checkout-env.js';
import { bearer, tokenFor } from './support/tokens.js';

const NUM_RUNS = 60;

const nastyText = fc.oneof(
  fc.constantFrom('', ' ', '../x', '%00', '\u0000', '😀', '__proto__', 'constructor', '-1', '1e309', SUNGLASSES.id, MUG.id, 'GB', 'de', 'tok_visa'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 200, maxLength: 2_000 }),
);
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nastyText, fc.constant(null));
const quantity = fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double(), fc.constantFrom('1', null, true, Number.MAX_VALUE), anyJson);
const address = fc.oneof(
  fc.record({ name: nastyText, street: nastyText, city: nastyText, postalCode: nastyText, countryCode: nastyText }, { requiredKeys: [] }),
  anyJson,
);
const cartItem = fc.oneof(fc.record({ productId: fc.oneof(nastyText, anyJson), quantity }, { requiredKeys: [] }), anyJson);
const checkoutBody = fc.oneof(fc.record({ shippingAddress: address, cardToken: fc.oneof(nastyText, anyJson) }, { requiredKeys: [] }), anyJson);
const idempotencyKey = fc.oneof(fc.constant(undefined), fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/), fc.string({ unit: fc.constantFrom('a', '-', ' ', '!', 'é'), maxLength: 200 }));
const pathSegment = fc.oneof(nastyText, fc.constantFrom(SUNGLASSES.id, 'x%', '%E0%A4%A', '..')).map((s) => (s.isWellFormed() ? encodeURIComponent(s) : 'x'));
const queryValue = fc.oneof(nastyText, fc.constantFrom(`${SUNGLASSES.id}:1`, 'a:1,b:2', ':', ',,', 'x:99,y:100')).map((s) => (s.isWellFormed() ? encodeURIComponent(s) : '%ZZ'));

describe('checkout routes under arbitrary input (property-based)', () => {
  let env: CheckoutEnv;
  let alice: Record<string, string>;

  beforeAll(async () => {
    env = await startCheckoutEnv({ RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'silent' });
    alice = bearer(await tokenFor('alice'));
  });
  afterAll(() => env?.stop());

  async function expectClientOutcome(res: Response): Promise<void> {
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(500);
    const text = await res.text();
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((JSON.parse(text) as { status: number }).status).toBe(res.status);
    }
  }

  it('answers any cart mutation with 2xx/4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('POST', 'PATCH', 'DELETE'), pathSegment, cartItem, async (method, id, body) => {
        const path = method === 'POST' ? '/api/cart/items' : `/api/cart/items/${id}`;
        await expectClientOutcome(await env.send(method, path, { headers: alice, body: method === 'DELETE' ? undefined : body }));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('answers any checkout with 2xx/4xx', async () => {
    await fc.assert(
      fc.asyncProperty(checkoutBody, idempotencyKey, fc.boolean(), async (body, key, fillCart) => {
        if (fillCart) await env.send('POST', '/api/cart/items', { headers: alice, body: { productId: MUG.id, quantity: 1 } });
        await expectClientOutcome(await env.send('POST', '/api/checkout', { headers: { ...alice, ...(key === undefined ? {} : { 'idempotency-key': key }) }, body }));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('answers any order read, listing or shipping quote with 2xx/4xx', async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, queryValue, queryValue, queryValue, async (id, a, b, c) => {
        await expectClientOutcome(await env.send('GET', `/api/orders/${id}`, { headers: alice }));
        await expectClientOutcome(await env.send('GET', `/api/orders?page_size=${a}&page_token=${b}`, { headers: alice }));
        await expectClientOutcome(await env.send('GET', `/api/shipping/quote?items=${a}&country=${b}&postal_code=${c}`));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('answers any Authorization header with 2xx/4xx', async () => {
    const header = fc.oneof(nastyText, nastyText.map((t) => `Bearer ${t}`), fc.stringMatching(/^Bearer [A-Za-z0-9._-]{0,300}$/));
    await fc.assert(
      fc.asyncProperty(header, async (authorization) => {
        const value = authorization.replace(/[^\x20-\x7e]/g, '');
        await expectClientOutcome(await env.send('GET', '/api/cart', { headers: { authorization: value } }));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
