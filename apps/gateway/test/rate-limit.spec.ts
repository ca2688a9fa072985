import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SUNGLASSES } from './support/fake-catalog.js';
import { startCheckoutEnv, type CheckoutEnv } from './support/checkout-env.js';
import { bearer, tokenFor } from './support/tokens.js';

const LIMIT = 3;

describe('gateway rate limiting of mutating routes', () => {
  let env: CheckoutEnv;

  beforeAll(async () => {
    env = await startCheckoutEnv({ RATE_LIMIT_PER_MINUTE: String(LIMIT), LOG_LEVEL: 'silent' });
  });
  afterAll(() => env?.stop());

  const addItem = (headers: Record<string, string>) => env.send('POST', '/api/cart/items', { headers, body: { productId: SUNGLASSES.id, quantity: 1 } });

  it('answers 429 problem+json with Retry-After once a user exceeds the limit, across mutating routes', async () => {
    const erin = bearer(await tokenFor('erin'));
    expect((await addItem(erin)).status).toBe(200);
    expect((await env.send('PATCH', `/api/cart/items/${SUNGLASSES.id}`, { headers: erin, body: { quantity: 2 } })).status).toBe(200);
    expect((await env.send('DELETE', '/api/cart', { headers: erin })).status).toBe(200);
    const limited = await addItem(erin);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-request-id')).toBeTruthy();
    expect(await limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests', instance: '/api/cart/items' });
  });

  it('counts each user separately and never limits reads', async () => {
    const frank = bearer(await tokenFor('frank'));
    expect((await addItem(frank)).status).toBe(200);
    for (let i = 0; i < LIMIT + 2; i++) expect((await env.send('GET', '/api/cart', { headers: frank })).status).toBe(200);
  });

  it('counts requests without a valid token per client IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) statuses.push((await addItem({})).status);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429]);
  });
});
