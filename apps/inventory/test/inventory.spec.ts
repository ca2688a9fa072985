import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages } from '@bazaar/contracts';
import { GrpcStatus, readErrorDetails } from '@bazaar/grpc';
import { sql } from '@bazaar/persistence';
import fc from 'fast-check';
import { createTestDatabase, expectGrpcRejection, waitFor, type TestDatabase } from '@bazaar/testing';
import { sweepExpiredReservations } from '../src/reservations/expiry-sweeper.js';
import { EXPIRED, releaseReservation } from '../src/reservations/release-stock.js';
import { reserveStock } from '../src/reservations/reserve-stock.js';
import { newOrderId, newProductId, startKafkaDriver, startService, stockProduct, type KafkaDriver } from './support/harness.js';

const TTL_MS = 10 * 60_000;
const typeOf = (event: { type: string }) => event.type.split('.').at(-1);

/** The service as the checkout saga sees it: commands in and events out through the real broker, stock over gRPC. */
describe('inventory on PostgreSQL with Kafka', () => {
  let database: TestDatabase;
  let running: Awaited<ReturnType<typeof startService>>;
  let kafka: KafkaDriver;
  const level = async (productId: string) => (await running.client.getStock({ productIds: [productId] })).levels[0];

  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'inventory' });
    // The timer sweeper stays out of the way; the expiry test sweeps explicitly.
    running = await startService(database.url, { RESERVATION_TTL_MS: String(TTL_MS), SWEEP_INTERVAL_MS: '3600000' });
    kafka = await startKafkaDriver();
  }, 90_000);

  afterAll(async () => {
    await kafka?.stop();
    running?.client.close();
    await running?.service.shutdown('test done');
    await database?.drop();
  });

  it('answers GetStock for seeded and unknown products, and rejects bad requests with INVALID_ARGUMENT', async () => {
    // The seeded product's level is whatever its row says: the service reads its topics from the start, and on a
    // broker shared with other suites (the e2e checkouts) their reservations of seeded products arrive here too,
    // possibly while this test reads (so it reads again until the row held still around the call).
    const stockRow = () =>
      running.service.database.db.selectFrom('stock').select(['on_hand', 'reserved']).where('product_id', '=', 'OLJCESPC7Z').executeTakeFirstOrThrow();
    const { levels, row } = await waitFor(
      async () => {
        const before = await stockRow();
        const { levels } = await running.client.getStock({ productIds: ['OLJCESPC7Z', 'ZZZZZZZZZ9', 'OLJCESPC7Z'] });
        const after = await stockRow();
        return before.on_hand === after.on_hand && before.reserved === after.reserved ? { levels, row: after } : undefined;
      },
      { timeoutMs: 30_000, what: 'a GetStock answer while the seeded row held still' },
    );
    expect(row.on_hand).toBeGreaterThan(0);
    expect(levels[0]).toEqual({ productId: 'OLJCESPC7Z', onHand: row.on_hand, reserved: row.reserved, available: row.on_hand - row.reserved });
    expect(levels.slice(1)).toEqual([{ productId: 'ZZZZZZZZZ9', onHand: 0, reserved: 0, available: 0 }]);

    const none = readErrorDetails(await expectGrpcRejection(running.client.getStock({ productIds: [] }), GrpcStatus.INVALID_ARGUMENT));
    expect(none.fieldViolations?.map((v) => v.field)).toEqual(['product_ids']);
    const tooMany = readErrorDetails(await expectGrpcRejection(running.client.getStock({ productIds: Array.from({ length: 101 }, () => 'OLJCESPC7Z') }), GrpcStatus.INVALID_ARGUMENT));
    expect(tooMany.fieldViolations?.map((v) => v.field)).toEqual(['product_ids']);
    const malformed = readErrorDetails(await expectGrpcRejection(running.client.getStock({ productIds: ['OLJCESPC7Z', "x' OR 1=1"] }), GrpcStatus.INVALID_ARGUMENT));
    expect(malformed.fieldViolations?.map((v) => v.field)).toEqual(['product_ids[1]']);
  });

  it('answers any GetStock request with OK or INVALID_ARGUMENT, never an internal error (property)', async () => {
    const id = fc.oneof(fc.constantFrom('OLJCESPC7Z', '66VCHSJNUP'), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(fc.array(id, { maxLength: 120 }), async (productIds) => {
        try {
          await running.client.getStock({ productIds });
        } catch (error) {
          expect((error as { code: number }).code).toBe(GrpcStatus.INVALID_ARGUMENT);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reserves every line of an order, answers StockReserved with id and expiry, and GetStock shows the hold', async () => {
    const [a, b] = [newProductId(), newProductId()];
    await stockProduct(running.service.database.db, a, 10);
    await stockProduct(running.service.database.db, b, 4);
    const orderId = newOrderId();
    const before = Date.now();
    await kafka.reserve(orderId, [
      { productId: a, quantity: 2 },
      { productId: b, quantity: 4 },
      { productId: a, quantity: 1 },
    ]);

    const [event] = await kafka.waitForEvents(orderId);
    expect(typeOf(event!)).toBe('StockReserved');
    const reserved = event!.payload as ReturnType<typeof messages.StockReserved.decode>;
    expect(reserved.reservationId).toMatch(/^[0-9a-f-]{36}$/);
    const expiresAtMs = Number(reserved.expiresAt!.seconds) * 1000;
    expect(expiresAtMs).toBeGreaterThanOrEqual(Math.floor((before + TTL_MS) / 1000) * 1000);
    expect(await level(a)).toEqual({ productId: a, onHand: 10, reserved: 3, available: 7 });
    expect(await level(b)).toEqual({ productId: b, onHand: 4, reserved: 4, available: 0 });

    const metrics = await (await fetch(`http://127.0.0.1:${running.service.adminPort}/metrics`)).text();
    expect(metrics).toMatch(/inventory_reservations_total\{outcome="reserved"\} [1-9]/);
  });

  it('rejects an order it cannot fill completely, naming the unavailable lines, and holds nothing', async () => {
    const [scarce, plenty, unknown] = [newProductId(), newProductId(), newProductId()];
    await stockProduct(running.service.database.db, scarce, 2);
    await stockProduct(running.service.database.db, plenty, 5);
    const orderId = newOrderId();
    await kafka.reserve(orderId, [
      { productId: plenty, quantity: 1 },
      { productId: scarce, quantity: 3 },
      { productId: unknown, quantity: 1 },
    ]);

    const [event] = await kafka.waitForEvents(orderId);
    expect(typeOf(event!)).toBe('StockRejected');
    const rejected = event!.payload as ReturnType<typeof messages.StockRejected.decode>;
    expect(rejected.reason).toBe('insufficient stock');
    expect(rejected.unavailable).toEqual(
      [
        { productId: scarce, quantity: 2 },
        { productId: unknown, quantity: 0 },
      ].sort((x, y) => (x.productId < y.productId ? -1 : 1)),
    );
    expect(await level(plenty)).toMatchObject({ reserved: 0, available: 5 });
    expect(await level(scarce)).toMatchObject({ reserved: 0, available: 2 });
  });

  it('never oversells: 12 concurrent one-unit orders for 5 units → exactly 5 reserved, 7 rejected', async () => {
    const productId = newProductId();
    await stockProduct(running.service.database.db, productId, 5);
    const orderIds = Array.from({ length: 12 }, newOrderId);
    await Promise.all(orderIds.map((orderId) => kafka.reserve(orderId, [{ productId, quantity: 1 }])));

    const outcomes = await Promise.all(orderIds.map(async (orderId) => typeOf((await kafka.waitForEvents(orderId))[0]!)));
    expect(outcomes.filter((t) => t === 'StockReserved')).toHaveLength(5);
    expect(outcomes.filter((t) => t === 'StockRejected')).toHaveLength(7);
    expect(await level(productId)).toEqual({ productId, onHand: 5, reserved: 5, available: 0 });
  });

  it('holds up under direct contention: no oversell, and crossed multi-line orders never deadlock', async () => {
    const db = running.service.database.db;
    const [scarce, a, b] = [newProductId(), newProductId(), newProductId()];
    await stockProduct(db, scarce, 5);
    await stockProduct(db, a, 100);
    await stockProduct(db, b, 100);
    const reserve = (lines: { productId: string; quantity: number }[]) =>
      db.transaction().execute((trx) => reserveStock(trx, { orderId: newOrderId(), lines }, { ttlMs: TTL_MS, now: new Date() }));

    const scarceOutcomes = await Promise.all(Array.from({ length: 12 }, () => reserve([{ productId: scarce, quantity: 1 }])));
    expect(scarceOutcomes.filter((o) => o.kind === 'reserved')).toHaveLength(5);
    expect(scarceOutcomes.filter((o) => o.kind === 'rejected')).toHaveLength(7);
    expect(await level(scarce)).toEqual({ productId: scarce, onHand: 5, reserved: 5, available: 0 });

    // Lines listed A,B and B,A alternately: without the ordered row locks these transactions would deadlock.
    const crossed = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        reserve(i % 2 === 0 ? [{ productId: a, quantity: 1 }, { productId: b, quantity: 2 }] : [{ productId: b, quantity: 2 }, { productId: a, quantity: 1 }]),
      ),
    );
    expect(crossed.every((o) => o.kind === 'reserved')).toBe(true);
    expect(await level(a)).toMatchObject({ reserved: 10, available: 90 });
    expect(await level(b)).toMatchObject({ reserved: 20, available: 80 });
  });

  it('reserves once however often the command arrives: exact redelivery is skipped, a new command gets the same answer', async () => {
    const productId = newProductId();
    await stockProduct(running.service.database.db, productId, 8);
    const orderId = newOrderId();
    const eventId = crypto.randomUUID();
    const lines = [{ productId, quantity: 3 }];
    await kafka.reserve(orderId, lines, eventId);
    await kafka.reserve(orderId, lines, eventId);
    await kafka.reserve(orderId, lines); // same order, new event id: processed after the duplicate (same key, same partition)

    const events = await kafka.waitForEvents(orderId, 2);
    expect(events.map(typeOf)).toEqual(['StockReserved', 'StockReserved']);
    expect(events[1]!.payload).toEqual(events[0]!.payload);
    expect(await level(productId)).toMatchObject({ reserved: 3, available: 5 });
    const rows = await running.service.database.db.selectFrom('reservations').select('id').where('order_id', '=', orderId).execute();
    expect(rows).toHaveLength(1);
  });

  it('ReleaseStock gives the stock back, and releasing twice (or an unknown order) is harmless', async () => {
    const productId = newProductId();
    await stockProduct(running.service.database.db, productId, 6);
    const orderId = newOrderId();
    await kafka.reserve(orderId, [{ productId, quantity: 2 }]);
    await kafka.waitForEvents(orderId, 1);
    await kafka.release(orderId);
    await kafka.release(orderId);

    const events = await kafka.waitForEvents(orderId, 3);
    expect(events.map(typeOf)).toEqual(['StockReserved', 'StockReleased', 'StockReleased']);
    expect(await level(productId)).toEqual({ productId, onHand: 6, reserved: 0, available: 6 });

    // A release that overtook its reservation (e.g. a DLQ replay) leaves a tombstone: the late reserve holds nothing.
    const ghost = newOrderId();
    await kafka.release(ghost, 'payment declined');
    await kafka.reserve(ghost, [{ productId, quantity: 1 }]);
    expect((await kafka.waitForEvents(ghost, 2)).map(typeOf)).toEqual(['StockReleased', 'StockReleased']);
    expect(await level(productId)).toMatchObject({ reserved: 0, available: 6 });
  });

  it('OrderConfirmed takes the held units off the shelf for good; a replay changes nothing', async () => {
    const productId = newProductId();
    await stockProduct(running.service.database.db, productId, 9);
    const orderId = newOrderId();
    await kafka.reserve(orderId, [{ productId, quantity: 4 }]);
    await kafka.waitForEvents(orderId, 1);
    const confirmed = messages.OrderConfirmed.create({ orderId, userId: 'u-1', lines: [{ productId, quantity: 4, unitPrice: undefined }] });
    const { eventId } = await kafka.publisher.publish(messages.OrderConfirmed, orderId, confirmed);
    await waitFor(async () => (await level(productId)).onHand === 5, { timeoutMs: 30_000, what: 'the committed reservation' });
    expect(await level(productId)).toEqual({ productId, onHand: 5, reserved: 0, available: 5 });
    // the same event again, and the sweeper far in the future: nothing comes back
    await kafka.publisher.publish(messages.OrderConfirmed, orderId, confirmed, { eventId });
    await sweepExpiredReservations({ database: running.service.database, outbox: running.service.messaging.outbox }, new Date(Date.now() + 10 * TTL_MS));
    expect(await level(productId)).toEqual({ productId, onHand: 5, reserved: 0, available: 5 });
  });

  it('OrderConfirmed after the reservation expired takes the units again while they are free, never once they are gone or the saga let go', async () => {
    const productId = newProductId();
    await stockProduct(running.service.database.db, productId, 6);
    const [late, short, cancelled, rival] = [newOrderId(), newOrderId(), newOrderId(), newOrderId()];
    for (const [orderId, quantity] of [[late, 2], [short, 3], [cancelled, 1]] as const) {
      await kafka.reserve(orderId, [{ productId, quantity }]);
      await kafka.waitForEvents(orderId, 1);
    }
    // inventory was behind: its sweeper expired all three before their confirmations were read (what the sweeper does, per order)
    const db = running.service.database.db;
    for (const orderId of [late, short, cancelled]) {
      await db.transaction().execute((trx) => releaseReservation(trx, orderId, { reason: EXPIRED, now: new Date(), onlyIfExpired: false }));
    }
    // meanwhile another shopper holds 3 of the 6 (`late` still fits, `short` does not), and the saga of `cancelled` gave up
    await kafka.reserve(rival, [{ productId, quantity: 3 }]);
    await kafka.waitForEvents(rival, 1);
    await kafka.release(cancelled, 'shipment timed out');
    await kafka.waitForEvents(cancelled, 2);

    const confirmations = await Promise.all(
      [[late, 2], [short, 3], [cancelled, 1]].map(([orderId, quantity]) =>
        kafka.publisher.publish(messages.OrderConfirmed, String(orderId), messages.OrderConfirmed.create({ orderId: String(orderId), userId: 'u-1', lines: [{ productId, quantity: Number(quantity), unitPrice: undefined }] })),
      ),
    );
    const eventIds = confirmations.map((c) => c.eventId);
    const handled = async () => (await sql<{ n: number }>`select count(*)::int as n from messaging_inbox where event_id in (${sql.join(eventIds)})`.execute(db)).rows[0]?.n;
    await waitFor(async () => (await handled()) === 3 || undefined, {
      timeoutMs: 30_000,
      what: 'the three confirmations handled',
    });
    expect(await level(productId)).toEqual({ productId, onHand: 4, reserved: 3, available: 1 });
    const rows = await db.selectFrom('reservations').select(['order_id', 'status']).where('order_id', 'in', [late, short, cancelled]).execute();
    expect(Object.fromEntries(rows.map((row) => [row.order_id, row.status]))).toEqual({ [late]: 'committed', [short]: 'released', [cancelled]: 'released' });
  });

  it('ReleaseStock after OrderConfirmed (no shipment could be made) puts the committed units back on the shelf, once', async () => {
    const productId = newProductId();
    await stockProduct(running.service.database.db, productId, 7);
    const orderId = newOrderId();
    await kafka.reserve(orderId, [{ productId, quantity: 3 }]);
    await kafka.waitForEvents(orderId, 1);
    const confirmed = messages.OrderConfirmed.create({ orderId, userId: 'u-1', lines: [{ productId, quantity: 3, unitPrice: undefined }] });
    await kafka.publisher.publish(messages.OrderConfirmed, orderId, confirmed);
    await waitFor(async () => (await level(productId)).onHand === 4, { timeoutMs: 30_000, what: 'the committed reservation' });

    await kafka.release(orderId, 'shipment failed: address_invalid');
    await kafka.release(orderId, 'shipment failed: address_invalid');
    expect((await kafka.waitForEvents(orderId, 3)).map(typeOf)).toEqual(['StockReserved', 'StockReleased', 'StockReleased']);
    expect(await level(productId)).toEqual({ productId, onHand: 7, reserved: 0, available: 7 });
    const row = await running.service.database.db.selectFrom('reservations').select(['status', 'release_reason']).where('order_id', '=', orderId).executeTakeFirst();
    expect(row).toEqual({ status: 'released', release_reason: 'shipment failed: address_invalid' });
  });

  it('the expiry sweeper releases reservations past their TTL and emits StockReleased', async () => {
    const productId = newProductId();
    await stockProduct(running.service.database.db, productId, 3);
    const orderId = newOrderId();
    await kafka.reserve(orderId, [{ productId, quantity: 3 }]);
    await kafka.waitForEvents(orderId, 1);
    expect(await level(productId)).toMatchObject({ available: 0 });

    const deps = { database: running.service.database, outbox: running.service.messaging.outbox };
    expect(await sweepExpiredReservations(deps, new Date(Date.now() + TTL_MS / 2))).toBe(0);
    expect(await sweepExpiredReservations(deps, new Date(Date.now() + TTL_MS + 1_000))).toBeGreaterThanOrEqual(1);

    expect((await kafka.waitForEvents(orderId, 2)).map(typeOf)).toEqual(['StockReserved', 'StockReleased']);
    expect(await level(productId)).toEqual({ productId, onHand: 3, reserved: 0, available: 3 });
    const row = await running.service.database.db.selectFrom('reservations').select(['status', 'release_reason']).where('order_id', '=', orderId).executeTakeFirst();
    expect(row).toEqual({ status: 'released', release_reason: 'expired' });
  });
});
