import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { shippingV1 } from '@bazaar/contracts';
import { GrpcStatus, readErrorDetails } from '@bazaar/grpc';
import { openDatabase, sql, type Database } from '@bazaar/persistence';
import { createTestDatabase, expectGrpcRejection, waitFor, type TestDatabase } from '@bazaar/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { shippingMigrations } from '../src/db/migrations/index.js';
import type { ShippingDatabase } from '../src/db/schema.js';
import { address, confirmedOrder, OrdersStandIn, startShipping, type RunningShipping, type ShippingEvent } from './support.js';

const orders = new OrdersStandIn();
const quoteRequest = (p: Parameters<typeof shippingV1.GetQuoteRequest.fromPartial>[0]) => shippingV1.GetQuoteRequest.fromPartial(p);
const asUser = (userId: string) => ({ metadata: { 'x-user-id': userId } });

/**
 * Any GetShipment input gets OK, INVALID_ARGUMENT or NOT_FOUND, never INTERNAL or UNKNOWN; only the shipped order's
 * id can be OK, and only for its owner or a call without a user (HTTP/2 drops padded metadata values: no user).
 */
async function fuzzGetShipment(client: RunningShipping['client'], numRuns: number): Promise<void> {
  const order = confirmedOrder('user-fuzz');
  await orders.confirm(order);
  const { payload } = await shippingEvent(order.orderId!, 'ShipmentCreated');
  const odd = (maxLength: number) =>
    fc.oneof(
      fc.string({ maxLength }),
      fc.string({ unit: 'binary-ascii', maxLength }),
      fc.string({ unit: 'binary', maxLength }),
      fc.constantFrom('', ' ', '\u0000', `${order.orderId}\u0000`, ` ${order.orderId}`, "' OR 1=1 --", '%'),
    );
  const orderId = fc.oneof(fc.constant(order.orderId!), fc.uuid().map((u) => `order-${u}`), odd(140), fc.string({ minLength: 120, maxLength: 140 }));
  const user = fc.oneof(fc.constantFrom(undefined, 'user-fuzz', 'user-other', '', ' ', ' user-fuzz ', 'x'.repeat(300)), fc.string({ maxLength: 40 }));
  await fc.assert(
    fc.asyncProperty(orderId, user, async (id, who) => {
      const call = client.getShipment({ orderId: id }, who === undefined ? {} : asUser(who));
      const code = await call.then(
        () => GrpcStatus.OK,
        (error: { code: number }) => error.code,
      );
      expect([GrpcStatus.OK, GrpcStatus.INVALID_ARGUMENT, GrpcStatus.NOT_FOUND]).toContain(code);
      if (code === GrpcStatus.OK) {
        expect(id).toBe(order.orderId);
        expect(who === undefined || who.trim() === '' || who !== who.trim() || who === 'user-fuzz').toBe(true);
      }
      if (id === order.orderId && who === 'user-fuzz') expect(code).toBe(GrpcStatus.OK);
    }),
    { numRuns, examples: [['\u0000', 'user-fuzz'], [`${order.orderId}\u0000`, undefined]] },
  );
  const { shipment } = await client.getShipment({ orderId: order.orderId! }, asUser('user-fuzz'));
  expect(shipment?.shipmentId).toBe(payload.shipmentId);
}

async function shippingEvent<K extends ShippingEvent['type']>(orderId: string, type: K): Promise<Extract<ShippingEvent, { type: K }>> {
  const found = await waitFor(async () => orders.eventsFor(orderId).find((event) => event.type === type), {
    timeoutMs: 30_000,
    what: `${type} for ${orderId}`,
  });
  return found as Extract<ShippingEvent, { type: K }>;
}

beforeAll(() => orders.start());
afterAll(() => orders.stop());

describe('shipping on PostgreSQL', () => {
  let database: TestDatabase;
  let running: RunningShipping;
  let direct: Database<ShippingDatabase>;

  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'shipping' });
    running = await startShipping(database.url);
    direct = await openDatabase<ShippingDatabase>({ service: 'shipping-test', databaseUrl: database.url, migrations: shippingMigrations });
  });

  /** The admin /metrics text once it matches (counters move just after the commit that published the event). */
  const metricsShowing = (pattern: RegExp) =>
    waitFor(
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${running.service.adminPort}/metrics`)).text();
        return pattern.test(text) && text;
      },
      { timeoutMs: 15_000, what: `metrics matching ${pattern}` },
    );

  afterAll(async () => {
    await direct?.close();
    await running?.stop();
    await database?.drop();
  });

  it('ships a confirmed order, announces it, and shows it to its owner only', async () => {
    const order = confirmedOrder('user-1');
    await orders.place(order.orderId!);
    await orders.confirm(order);

    const created = await shippingEvent(order.orderId!, 'ShipmentCreated');
    expect(created.payload).toEqual({
      orderId: order.orderId,
      shipmentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      trackingId: expect.stringMatching(/^BZ[A-Z2-7]{12}$/),
      carrier: 'DHL',
    });
    const expected = { shipment: { ...created.payload, cancelled: false } };
    expect(await running.client.getShipment({ orderId: order.orderId! })).toEqual(expected);
    expect(await running.client.getShipment({ orderId: order.orderId! }, asUser('user-1'))).toEqual(expected);

    await expectGrpcRejection(running.client.getShipment({ orderId: order.orderId! }, asUser('user-2')), GrpcStatus.NOT_FOUND);

    // OrderPlaced was handled (ignored, outcome ok) ahead of OrderConfirmed on the same partition, not dead-lettered.
    // Counts are at least 1: under `npm test` other projects publish to the same catalog topics on the shared broker.
    const metrics = await metricsShowing(/^shipping_shipments_created_total [1-9]/m);
    expect(metrics).toMatch(/^messaging_consumed_total\{(?=[^}]*type="bazaar\.orders\.v1\.OrderPlaced")(?=[^}]*outcome="ok")[^}]*\} [1-9]\d*$/m);
  });

  it('creates one shipment however often the order is confirmed', async () => {
    const order = confirmedOrder();
    const eventId = randomUUID();
    await orders.confirm(order, eventId);
    await orders.confirm(order, eventId); // a redelivery
    const secondEvent = randomUUID();
    await orders.confirm(order, secondEvent); // another event for the same order
    await shippingEvent(order.orderId!, 'ShipmentCreated');
    // Same key, same partition: once the last event is handled, the earlier ones were too.
    const handled = sql<{ event_id: string }>`select event_id from messaging_inbox where event_id = ${secondEvent}`;
    await waitFor(async () => (await handled.execute(direct.db)).rows.length === 1, { timeoutMs: 30_000, what: 'the second OrderConfirmed handled' });
    const shipments = await direct.db.selectFrom('shipments').select('id').where('order_id', '=', order.orderId!).execute();
    expect(shipments).toHaveLength(1);
    const outboxed = await sql<{ type: string }>`select type from messaging_outbox where key = ${order.orderId}`.execute(direct.db);
    expect(outboxed.rows).toEqual([{ type: 'bazaar.shipping.v1.ShipmentCreated' }]);
  });

  it('withdraws the shipment of an order cancelled after it was created (its shipment step timed out), once', async () => {
    const order = confirmedOrder('user-3');
    await orders.confirm(order);
    const created = await shippingEvent(order.orderId!, 'ShipmentCreated');
    await orders.cancel(order.orderId!, 'shipment creation timed out');
    await orders.cancel(order.orderId!, 'shipment creation timed out'); // a second event: nothing more to withdraw
    const withdrawn = await waitFor(
      async () => {
        const row = await direct.db.selectFrom('shipments').select(['cancelled_at', 'cancel_reason']).where('order_id', '=', order.orderId!).executeTakeFirst();
        return row?.cancelled_at ? row : undefined;
      },
      { timeoutMs: 30_000, what: 'the shipment withdrawn' },
    );
    expect(withdrawn.cancel_reason).toBe('shipment creation timed out');
    expect(await running.client.getShipment({ orderId: order.orderId! }, asUser('user-3'))).toEqual({ shipment: { ...created.payload, cancelled: true } });
    await metricsShowing(/^shipping_shipments_cancelled_total [1-9]/m);

    // an order cancelled before it had a shipment (the usual case) changes nothing here
    const never = confirmedOrder();
    const cancelled = await orders.cancel(never.orderId!, 'payment declined');
    const handled = sql<{ event_id: string }>`select event_id from messaging_inbox where event_id = ${cancelled}`;
    await waitFor(async () => (await handled.execute(direct.db)).rows.length === 1, { timeoutMs: 30_000, what: 'the OrderCancelled handled' });
    expect(await direct.db.selectFrom('shipments').select('id').where('order_id', '=', never.orderId!).execute()).toEqual([]);
  });

  it('announces ShipmentFailed with a reason for an order without a usable address', async () => {
    const missing = { ...confirmedOrder(), shippingAddress: undefined };
    const incomplete = { ...confirmedOrder(), shippingAddress: { ...address, street: '', countryCode: 'Britain' } };
    await orders.confirm(missing);
    await orders.confirm(incomplete);

    expect((await shippingEvent(missing.orderId!, 'ShipmentFailed')).payload.reason).toMatch(/no shipping address/);
    const failed = await shippingEvent(incomplete.orderId!, 'ShipmentFailed');
    expect(failed.payload.reason).toMatch(/street, country_code/);
    expect(failed.payload.reason).not.toContain('Britain');
    await expectGrpcRejection(running.client.getShipment({ orderId: missing.orderId! }), GrpcStatus.NOT_FOUND);
    await metricsShowing(/^shipping_shipments_failed_total\{reason="address_missing"\} [1-9]\d*$/m);
    await metricsShowing(/^shipping_shipments_failed_total\{reason="address_invalid"\} [1-9]\d*$/m);
  });

  it('quotes deterministically from units and destination', async () => {
    const items = [
      { productId: 'A', quantity: 2 },
      { productId: 'B', quantity: 1 },
    ];
    const us = await running.client.getQuote(quoteRequest({ items, destination: { countryCode: 'US' } }));
    expect(us).toEqual({ cost: { currencyCode: 'USD', units: '7', nanos: 960_000_000 }, carrier: 'USPS', estimatedDays: 3 });
    expect(await running.client.getQuote(quoteRequest({ items, destination: { countryCode: 'US' } }))).toEqual(us);

    const de = await running.client.getQuote(quoteRequest({ items, destination: { ...address, countryCode: 'DE' } }));
    expect(de).toEqual({ cost: { currencyCode: 'USD', units: '22', nanos: 460_000_000 }, carrier: 'DHL', estimatedDays: 7 });

    const bulk = await running.client.getQuote(quoteRequest({ items: [{ productId: 'A', quantity: 10 }], destination: { countryCode: 'US' } }));
    expect(bulk.cost).toEqual({ currencyCode: 'USD', units: '0', nanos: 0 });
  });

  it('rejects bad quote requests with INVALID_ARGUMENT naming the field', async () => {
    const cases: [Parameters<typeof quoteRequest>[0], string[]][] = [
      [{ items: [], destination: { countryCode: 'US' } }, ['items']],
      [{ items: Array.from({ length: 101 }, () => ({ productId: 'A', quantity: 1 })), destination: { countryCode: 'US' } }, ['items']],
      [{ items: [{ productId: 'A', quantity: 0 }], destination: { countryCode: 'US' } }, ['items[0].quantity']],
      [{ items: [{ productId: 'A', quantity: 100 }], destination: { countryCode: 'US' } }, ['items[0].quantity']],
      [{ items: [{ productId: '', quantity: 1 }], destination: { countryCode: 'US' } }, ['items[0].product_id']],
      [{ items: [{ productId: 'A', quantity: 1 }] }, ['destination']],
      [{ items: [{ productId: 'A', quantity: 1 }], destination: { countryCode: 'USA' } }, ['destination.country_code']],
    ];
    for (const [request, fields] of cases) {
      const error = readErrorDetails(await expectGrpcRejection(running.client.getQuote(quoteRequest(request)), GrpcStatus.INVALID_ARGUMENT));
      expect(error.fieldViolations?.map((v) => v.field)).toEqual(fields);
    }
  });

  it('answers GetShipment for an unknown order with NOT_FOUND, and an empty order id with INVALID_ARGUMENT', async () => {
    await expectGrpcRejection(running.client.getShipment({ orderId: `order-${randomUUID()}` }), GrpcStatus.NOT_FOUND);
    const empty = readErrorDetails(await expectGrpcRejection(running.client.getShipment({ orderId: '' }), GrpcStatus.INVALID_ARGUMENT));
    expect(empty.fieldViolations?.map((v) => v.field)).toEqual(['order_id']);
  });

  it('answers any GetQuote input with OK or INVALID_ARGUMENT, never INTERNAL or UNKNOWN', async () => {
    const item = fc.record({ productId: fc.string({ maxLength: 80 }), quantity: fc.oneof(fc.integer({ min: -1, max: 101 }), fc.integer()) });
    const destination = fc.option(fc.record({ countryCode: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('US', 'CA', 'FR', 'BR')) }), {
      nil: undefined,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 110 }), destination, async (items, dest) => {
        try {
          const quote = await running.client.getQuote(quoteRequest({ items, destination: dest }));
          expect(quote.cost?.currencyCode).toBe('USD');
        } catch (error) {
          expect((error as { code: number }).code).toBe(GrpcStatus.INVALID_ARGUMENT);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('answers any GetShipment input with OK, INVALID_ARGUMENT or NOT_FOUND, never INTERNAL or UNKNOWN (property)', () => fuzzGetShipment(running.client, 60));
});

describe('shipping on PGlite', () => {
  let running: RunningShipping;

  beforeAll(async () => {
    running = await startShipping(undefined);
  });
  afterAll(() => running?.stop());

  it('ships a confirmed order and serves the shipment', async () => {
    const order = confirmedOrder('user-9');
    await orders.confirm(order);
    const created = await shippingEvent(order.orderId!, 'ShipmentCreated');
    const { shipment } = await running.client.getShipment({ orderId: order.orderId! }, asUser('user-9'));
    expect(shipment).toEqual({ ...created.payload, cancelled: false });
  });

  it('answers any GetShipment input with OK, INVALID_ARGUMENT or NOT_FOUND (property)', () => fuzzGetShipment(running.client, 40));
});
