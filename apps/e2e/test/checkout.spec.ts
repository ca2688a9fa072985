import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { inventoryV1, shippingV1 } from '@bazaar/contracts';
import { createGrpcClient } from '@bazaar/grpc';
import { services } from '@bazaar/service-catalog';
import { waitFor } from '@bazaar/testing';
import { runLoad } from '@bazaar/loadgen';
import { launchSystem, portInUse, type LaunchedSystem } from './launched-system.js';
import { address, shopClient } from './shop-client.js';
import { sampleSum } from './trace-helpers.js';

interface PaymentCounts {
  authorized: number;
  captured: number;
}

/**
 * The whole system as `npm start` runs it — seven services, Kafka, embedded
 * databases — driven through the gateway: browse → cart → checkout → saga.
 */
describe('checkout through npm start', () => {
  let system: LaunchedSystem;
  let shop: ReturnType<typeof shopClient>;
  let inventory: ReturnType<typeof createGrpcClient<typeof inventoryV1.InventoryServiceService>>;
  let shipping: ReturnType<typeof createGrpcClient<typeof shippingV1.ShippingServiceService>>;

  /** What payments did so far, from its own counters (the tests here run one after another). */
  const payments = async (): Promise<PaymentCounts> => {
    const text = await (await fetch(`${system.metricsUrl('payments')}/metrics`)).text();
    const count = (outcome: string) => sampleSum(text, 'payments_outcomes_total', { outcome }) ?? 0;
    return { authorized: count('authorized'), captured: count('captured') };
  };
  const stock = async (productId: string) => {
    const level = (await inventory.getStock({ productIds: [productId] })).levels[0]!;
    return { onHand: level.onHand, reserved: level.reserved };
  };
  /** After a cancelled order: its reservation is released and nothing left the shelf. */
  const expectStockReleased = async (productId: string, before: { onHand: number; reserved: number }) => {
    await waitFor(async () => (await stock(productId)).reserved === before.reserved, { timeoutMs: 30_000, what: `the reservation of ${productId} released` });
    expect(await stock(productId)).toEqual(before);
  };

  beforeAll(async () => {
    // a short saga step timeout, so the provider-timeout path ends within the test
    system = await launchSystem({ STEP_TIMEOUT_MS: '6000' });
    shop = shopClient(system);
    inventory = createGrpcClient(inventoryV1.InventoryServiceService, { address: system.grpcAddress('inventory'), timeoutMs: 5_000 });
    shipping = createGrpcClient(shippingV1.ShippingServiceService, { address: system.grpcAddress('shipping'), timeoutMs: 5_000 });
  }, 240_000);

  afterAll(async () => {
    inventory?.close();
    shipping?.close();
    if (!system) return;
    const exitCode = await system.stop();
    expect(exitCode).toBe(0);
    for (const port of system.ports) expect(await portInUse(port)).toBe(false);
  }, 90_000);

  it('runs every service of the catalog', () => {
    const table = system.launcher.logs().join('\n');
    for (const s of services) expect(table).toMatch(new RegExp(`${s.name}.*ready`));
  });

  it('takes a paying customer from browsing to SHIPPED, charging once', async () => {
    const before = await stock('6E92ZMYYFZ');
    const paid = await payments();

    const { body: page } = await shop.call('GET', '/api/products?q=mug');
    expect((page['products'] as { id: string }[])[0]!.id).toBe('6E92ZMYYFZ');
    const orderId = await shop.checkout('alice', '6E92ZMYYFZ', 2, 'tok_visa');
    const order = await shop.settled('alice', orderId, 'SHIPPED');
    expect(order.trackingId).toMatch(/^BZ/);
    // shipping holds that shipment, for alice only
    const { shipment } = await shipping.getShipment({ orderId }, { metadata: { 'x-user-id': 'alice' } });
    expect(shipment).toMatchObject({ orderId, trackingId: order.trackingId, cancelled: false });
    await expect(shipping.getShipment({ orderId }, { metadata: { 'x-user-id': 'mallory' } })).rejects.toMatchObject({ code: 5 });
    expect(order.timeline.map((t) => t.step)).toEqual(expect.arrayContaining(['reserve_stock', 'authorize_payment']));
    // the stock left the shelf for good, and the cart was emptied by the checkout
    await waitFor(async () => (await stock('6E92ZMYYFZ')).onHand === before.onHand - 2, { timeoutMs: 30_000, what: 'stock decremented by 2' });
    expect((await stock('6E92ZMYYFZ')).reserved).toBe(before.reserved);
    // captured at confirmation, before SHIPPED: exactly one authorization and one capture
    expect(await payments()).toEqual({ authorized: paid.authorized + 1, captured: paid.captured + 1 });
    expect(JSON.stringify((await shop.call('GET', '/api/cart', 'alice')).body)).not.toContain('6E92ZMYYFZ');
    // another user cannot see it
    expect((await shop.call('GET', `/api/orders/${orderId}`, 'mallory')).status).toBe(404);
  }, 120_000);

  it('places one order and charges once for one Idempotency-Key, however often and concurrently it is sent', async () => {
    const paid = await payments();
    expect((await shop.call('POST', '/api/cart/items', 'judy', { productId: 'OLJCESPC7Z', quantity: 1 })).status).toBe(200);
    const key = randomUUID();
    const send = () => shop.call('POST', '/api/checkout', 'judy', { shippingAddress: address, cardToken: 'tok_visa' }, { 'idempotency-key': key });
    const answers = await Promise.all([send(), send(), send()]);
    for (const answer of answers) expect(answer.status).toBe(202);
    const orderIds = new Set(answers.map((answer) => String(answer.body['orderId'])));
    expect(orderIds.size).toBe(1);
    const [orderId] = [...orderIds] as [string];
    await shop.settled('judy', orderId, 'SHIPPED');
    const again = await send();
    expect(again.status).toBe(202);
    expect(again.body['orderId']).toBe(orderId);
    expect(await payments()).toEqual({ authorized: paid.authorized + 1, captured: paid.captured + 1 });
    const { body: mine } = await shop.call('GET', '/api/orders', 'judy');
    expect((mine['orders'] as { orderId: string }[]).map((o) => o.orderId)).toEqual([orderId]);
  }, 120_000);

  it('cancels a declined payment with a reason, releases the stock and charges nothing', async () => {
    const before = await stock('OLJCESPC7Z');
    const paid = await payments();
    const orderId = await shop.checkout('bob', 'OLJCESPC7Z', 1, 'tok_decline');
    const order = await shop.settled('bob', orderId, 'CANCELLED');
    expect(order.cancelReason).toMatch(/declin/i);
    await expectStockReleased('OLJCESPC7Z', before);
    expect(await payments()).toEqual(paid);
  }, 120_000);

  it('cancels an order for more than the stock without asking for payment', async () => {
    const before = await stock('66VCHSJNUP');
    const paid = await payments();
    const orderId = await shop.checkout('carol', '66VCHSJNUP', 3, 'tok_visa');
    const order = await shop.settled('carol', orderId, 'CANCELLED');
    expect(order.cancelReason).toMatch(/stock/i);
    expect(order.timeline.map((t) => t.step)).not.toContain('authorize_payment');
    expect(await payments()).toEqual(paid);
    expect(await stock('66VCHSJNUP')).toEqual(before);
  }, 120_000);

  it('compensates a payment provider that never answers: stock released, nothing captured', async () => {
    const before = await stock('L9ECAV7KIM');
    const paid = await payments();
    const orderId = await shop.checkout('dave', 'L9ECAV7KIM', 1, 'tok_timeout');
    const order = await shop.settled('dave', orderId, 'CANCELLED');
    expect(order.timeline.some((t) => t.outcome === 'timed_out')).toBe(true);
    await expectStockReleased('L9ECAV7KIM', before);
    expect((await payments()).captured).toBe(paid.captured);
  }, 120_000);

  it('sells the last units exactly once under concurrent checkouts', async () => {
    // 66VCHSJNUP starts with 2 units; the out-of-stock test above held none of them
    const buyers = ['erin', 'frank', 'grace', 'heidi', 'ivan'];
    const orderIds = await Promise.all(buyers.map((user) => shop.checkout(user, '66VCHSJNUP', 1, 'tok_visa')));
    const finals = await Promise.all(
      orderIds.map((id, i) =>
        waitFor(
          async () => {
            const { body } = await shop.call('GET', `/api/orders/${id}`, buyers[i]);
            return ['SHIPPED', 'CANCELLED'].includes(String(body['status'])) ? String(body['status']) : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 500, what: `order ${id} to settle` },
        ),
      ),
    );
    expect(finals.filter((s) => s === 'SHIPPED')).toHaveLength(2);
    expect(finals.filter((s) => s === 'CANCELLED')).toHaveLength(3);
    // both units left the shelf, nothing is still held, nothing went below zero
    await waitFor(async () => (await stock('66VCHSJNUP')).onHand === 0 || undefined, { timeoutMs: 30_000, what: 'the two sold units committed' });
    expect(await stock('66VCHSJNUP')).toEqual({ onHand: 0, reserved: 0 });
  }, 120_000);

  it('rejects cart, checkout and order routes without a token', async () => {
    expect((await shop.call('GET', '/api/cart')).status).toBe(401);
    expect((await shop.call('POST', '/api/cart/items', undefined, { productId: 'OLJCESPC7Z', quantity: 1 })).status).toBe(401);
    expect((await shop.call('PATCH', '/api/cart/items/OLJCESPC7Z', undefined, { quantity: 2 })).status).toBe(401);
    expect((await shop.call('DELETE', '/api/cart/items/OLJCESPC7Z')).status).toBe(401);
    expect((await shop.call('POST', '/api/checkout', undefined, { shippingAddress: address, cardToken: 'tok_visa' })).status).toBe(401);
    expect((await shop.call('GET', '/api/orders')).status).toBe(401);
    expect((await shop.call('GET', `/api/orders/${randomUUID()}`)).status).toBe(401);
  });

  it('serves the load generator\'s shoppers without a server error, and every checkout they follow ends', async () => {
    const stats = await runLoad({
      baseUrl: system.gatewayUrl,
      users: 4,
      // A fixed number of sessions, each checking out once its cart line is accepted: a time budget alone left a slow CI
      // machine with no checkout at all.
      durationMs: 60_000,
      sessionsPerUser: 2,
      checkoutRatio: 1,
      thinkMs: 100,
      tokenFor: async (user) => system.tokenFor(user),
    });
    const summary = stats.routes().map((r) => ({ route: r.route, byClass: r.byClass }));
    expect(summary).toEqual(
      expect.arrayContaining(
        ['GET /api/products', 'GET /api/products/:id', 'POST /api/cart/items', 'GET /api/shipping/quote', 'POST /api/checkout', 'GET /api/orders/:id'].map((route) =>
          expect.objectContaining({ route }),
        ),
      ),
    );
    expect(summary.find((r) => r.route === 'POST /api/checkout')?.byClass['2xx']).toBeGreaterThan(0);
    expect(stats.failures()).toBe(0);
    const { ended } = stats.saga();
    expect(ended['UNSETTLED']).toBeUndefined();
    expect(ended['SHIPPED']).toBeGreaterThan(0);
  }, 180_000);

  it('answers arbitrary cart, checkout and order requests of signed-in users with 2xx or 4xx, never 5xx', async () => {
    const text = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('\u0000', '../x', "' OR 1=1 --", '%00', 'a'.repeat(3_000), '', ' ', '-1', '1e400'));
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ productId: text, quantity: fc.oneof(fc.integer(), fc.double(), text) }, { requiredKeys: [] }),
      fc.record(
        {
          shippingAddress: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ name: text, street: text, city: text, postalCode: text, countryCode: text }, { requiredKeys: [] })),
          cardToken: text,
        },
        { requiredKeys: [] },
      ),
    );
    const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,150}$/);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(text, body, headerValue, text, async (id, payload, key, token) => {
        // ten users in turn: one alone would soon get 429 from the per-user rate limit
        const user = `fuzz-${run++ % 10}`;
        const e = encodeURIComponent;
        const answers: [string, { status: number; body: unknown }][] = [
          ['POST /api/cart/items', await shop.call('POST', '/api/cart/items', user, payload)],
          ['PATCH /api/cart/items/:id', await shop.call('PATCH', `/api/cart/items/${e(id)}`, user, payload)],
          ['DELETE /api/cart/items/:id', await shop.call('DELETE', `/api/cart/items/${e(id)}`, user)],
          ['POST /api/checkout', await shop.call('POST', '/api/checkout', user, payload, { 'idempotency-key': key })],
          ['GET /api/orders/:id', await shop.call('GET', `/api/orders/${e(id)}`, user)],
          ['GET /api/orders', await shop.call('GET', `/api/orders?page_token=${e(token)}&page_size=${e(id)}`, user)],
        ];
        for (const [route, answer] of answers) {
          if (answer.status < 200 || answer.status >= 500) throw new Error(`${route} → ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }),
      { numRuns: 40 },
    );
    expect((await shop.call('GET', '/api/cart', 'fuzz-0')).status).toBe(200);
  }, 180_000);
});
