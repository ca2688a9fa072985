import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages, money, ordersV1, paymentsV1 } from '@bazaar/contracts';
import { metricsRegistry } from '@bazaar/observability';
import { sql } from '@bazaar/persistence';
import { waitFor } from '@bazaar/testing';
import { CARD_TOKEN, Scenario, timelineOf } from './support/scenario.js';

const { ORDER_STATUS_CANCELLED, ORDER_STATUS_CONFIRMED, ORDER_STATUS_PENDING, ORDER_STATUS_SHIPPED } = ordersV1.OrderStatus;
const USER = 'user-saga';

/**
 * The checkout saga against real Kafka and PostgreSQL. The test plays inventory, payments and shipping:
 * it reads the commands orders sends for its order ids and publishes the replies.
 */
describe('checkout saga', () => {
  const s = new Scenario();
  // Long enough for a reply's round trip on a busy CI machine, short enough for the timeout tests.
  // Published outbox rows are pruned at once here, to show the card token leaves the database.
  beforeAll(() => s.start(5_000, { OUTBOX_RETENTION_MS: '1', HOUSEKEEPING_INTERVAL_MS: '300' }), 60_000);
  afterAll(() => s.stop(), 60_000);

  it('runs the happy path to SHIPPED with catalog prices, the card token gone once sent, and the full timeline', async () => {
    const placed = await s.place(USER, undefined, [
      { productId: 'MUG0000001', quantity: 2 },
      { productId: 'LAMP000001', quantity: 1 },
    ]);
    expect(placed.status).toBe(ORDER_STATUS_PENDING);
    expect(placed.total).toEqual(money('USD', 2 * 899 + 2_450));
    const id = placed.orderId;

    const reserve = await s.participants.waitFor(id, 'ReserveStock');
    expect(reserve.payload['lines']).toEqual([
      { productId: 'MUG0000001', quantity: 2 },
      { productId: 'LAMP000001', quantity: 1 },
    ]);
    await s.participants.reply(messages.StockReserved, id, { reservationId: 'res-1' });

    const authorize = await s.participants.waitFor(id, 'AuthorizePayment');
    expect(authorize.payload).toMatchObject({ userId: USER, cardToken: CARD_TOKEN, amount: money('USD', 4_248) });
    expect(await s.storedCardToken(id)).toBeNull();
    await waitFor(async () => (await s.outboxRowsHolding(CARD_TOKEN)) === 0, { what: 'the AuthorizePayment row pruned once published' });
    await s.participants.reply(messages.PaymentAuthorized, id, { paymentId: 'pay-1', amount: money('USD', 4_248) });

    await s.reachStatus(USER, id, ORDER_STATUS_CONFIRMED);
    const confirmed = await s.participants.waitFor(id, 'OrderConfirmed');
    expect(confirmed.payload).toMatchObject({ userId: USER, total: money('USD', 4_248) });
    await s.participants.waitFor(id, 'CapturePayment');
    await s.participants.reply(messages.PaymentCaptured, id, { paymentId: 'pay-1', amount: money('USD', 4_248) });
    await waitFor(async () => timelineOf(await s.get(USER, id)).includes('capture_payment:succeeded'));
    await s.participants.reply(messages.ShipmentCreated, id, { shipmentId: 'shp-1', trackingId: 'TRK-1', carrier: 'DHL' });

    const shipped = await s.reachStatus(USER, id, ORDER_STATUS_SHIPPED);
    expect(shipped.trackingId).toBe('TRK-1');
    expect(shipped.cancelReason).toBe('');
    expect(timelineOf(shipped)).toEqual([
      'place_order:succeeded',
      'reserve_stock:requested',
      'reserve_stock:succeeded',
      'authorize_payment:requested',
      'authorize_payment:succeeded',
      'capture_payment:requested',
      'create_shipment:requested',
      'capture_payment:succeeded',
      'create_shipment:succeeded',
    ]);
    expect(shipped.timeline.every((e) => Number(e.at?.seconds) > 0)).toBe(true);
    await s.participants.waitFor(id, 'OrderShipped');
    expect([...s.participants.sentFor(id)].sort()).toEqual(
      ['AuthorizePayment', 'CapturePayment', 'OrderConfirmed', 'OrderPlaced', 'OrderShipped', 'ReserveStock'].sort(),
    );
  });

  it('cancels on StockRejected without attempting a payment', async () => {
    const { orderId: id } = await s.place(USER);
    await s.participants.waitFor(id, 'ReserveStock');
    await s.participants.reply(messages.StockRejected, id, { reason: 'MUG0000001: 0 left' });

    const cancelled = await s.reachStatus(USER, id, ORDER_STATUS_CANCELLED);
    expect(cancelled.cancelReason).toBe('out of stock: MUG0000001: 0 left');
    await s.participants.waitFor(id, 'OrderCancelled');
    expect(s.participants.sentFor(id)).not.toContain('AuthorizePayment');
    expect(await s.storedCardToken(id)).toBeNull();
  });

  it('releases the stock and cancels when the payment is declined', async () => {
    const { orderId: id } = await s.place(USER);
    await s.reserveUntilAuthorize(id);
    await s.participants.reply(messages.PaymentDeclined, id, { reason: paymentsV1.DeclineReason.DECLINE_REASON_CARD_DECLINED });

    const cancelled = await s.reachStatus(USER, id, ORDER_STATUS_CANCELLED);
    expect(cancelled.cancelReason).toBe('payment declined: card declined');
    const release = await s.participants.waitFor(id, 'ReleaseStock');
    expect(release.payload['reason']).toBe('payment declined: card declined');
    await s.participants.waitFor(id, 'OrderCancelled');
    expect(s.participants.sentFor(id)).not.toContain('CapturePayment');
  });

  it('refunds and releases when shipping fails after confirmation', async () => {
    const { orderId: id } = await s.place(USER);
    await s.reserveUntilAuthorize(id);
    await s.participants.reply(messages.PaymentAuthorized, id, { paymentId: 'pay-4' });
    await s.participants.waitFor(id, 'OrderConfirmed');
    await s.participants.reply(messages.ShipmentFailed, id, { reason: 'address not served' });

    const cancelled = await s.reachStatus(USER, id, ORDER_STATUS_CANCELLED);
    expect(cancelled.cancelReason).toBe('shipment failed: address not served');
    const refund = await s.participants.waitFor(id, 'RefundPayment');
    expect(refund.payload['amount']).toEqual(money('USD', 2 * 899));
    await s.participants.waitFor(id, 'ReleaseStock');
    await s.participants.waitFor(id, 'OrderCancelled');
  });

  it('times out a payment step: voids, releases, cancels; a late authorization is voided again', async () => {
    const { orderId: id } = await s.place(USER);
    await s.reserveUntilAuthorize(id);

    const cancelled = await s.reachStatus(USER, id, ORDER_STATUS_CANCELLED, 30_000);
    expect(cancelled.cancelReason).toBe('payment authorization timed out');
    await s.participants.waitFor(id, 'VoidPayment');
    await s.participants.waitFor(id, 'ReleaseStock');

    await s.participants.reply(messages.PaymentAuthorized, id, { paymentId: 'pay-late' });
    await waitFor(async () => s.participants.sentFor(id).filter((t) => t === 'VoidPayment').length === 2, {
      timeoutMs: 20_000,
      what: 'a second VoidPayment',
    });
    const after = await s.get(USER, id);
    expect(after.status).toBe(ORDER_STATUS_CANCELLED);
    expect(timelineOf(after)).toContain('authorize_payment:late');
    expect(s.participants.sentFor(id)).not.toContain('CapturePayment');
  });

  it('resumes open sagas after a restart: one completes on its reply, the other times out and compensates', async () => {
    const completing = (await s.place(USER)).orderId;
    const abandoned = (await s.place(USER)).orderId;
    for (const id of [completing, abandoned]) await s.reserveUntilAuthorize(id);

    // The reply arrives while no orders process runs; the new instance picks it up from Kafka.
    await s.restartOrders(() => s.participants.reply(messages.PaymentAuthorized, completing, { paymentId: 'pay-restart' }));

    await s.reachStatus(USER, completing, ORDER_STATUS_CONFIRMED);
    await s.participants.reply(messages.ShipmentCreated, completing, { trackingId: 'TRK-2' });
    await s.reachStatus(USER, completing, ORDER_STATUS_SHIPPED);

    const timedOut = await s.reachStatus(USER, abandoned, ORDER_STATUS_CANCELLED, 30_000);
    expect(timedOut.cancelReason).toBe('payment authorization timed out');
    await s.participants.waitFor(abandoned, 'VoidPayment');
    await s.participants.waitFor(abandoned, 'ReleaseStock');
  });

  it('counts ended sagas by end state and times them', async () => {
    // the whole registry: in OpenMetrics mode prom-client renders a single counter's family name wrongly
    const outcomes = await metricsRegistry.metrics();
    expect(outcomes).toMatch(/orders_saga_outcomes_total\{end_state="SHIPPED"\} [1-9]/);
    expect(outcomes).toMatch(/orders_saga_outcomes_total\{end_state="CANCELLED"\} [1-9]/);
    const durations = outcomes;
    expect(durations).toMatch(/orders_saga_duration_seconds_count\{end_state="SHIPPED"\} [1-9]/);
  });
});

describe('checkout saga: a reply read after its step deadline', () => {
  const s = new Scenario();
  // The sweeper looks once at start and then not for an hour, so only the engine can notice the deadline.
  beforeAll(() => s.start(60_000, { SWEEP_INTERVAL_MS: '3600000' }), 60_000);
  afterAll(() => s.stop(), 60_000);

  it('times the step out and handles the reply as late, even before the sweeper gets to it', async () => {
    const { orderId: id } = await s.place(USER);
    await s.reserveUntilAuthorize(id);
    // as if orders had been down (or its consumer behind) past the deadline when the authorization arrived
    await sql`UPDATE orders SET step_deadline = now() - interval '1 second' WHERE id = ${id}`.execute(s.inspect!.db);
    await s.participants.reply(messages.PaymentAuthorized, id, { paymentId: 'pay-overdue' });

    const cancelled = await s.reachStatus(USER, id, ORDER_STATUS_CANCELLED);
    expect(cancelled.cancelReason).toBe('payment authorization timed out');
    expect(timelineOf(cancelled)).toEqual(expect.arrayContaining(['authorize_payment:timed_out', 'authorize_payment:late']));
    await waitFor(async () => s.participants.sentFor(id).filter((t) => t === 'VoidPayment').length === 2, {
      timeoutMs: 20_000,
      what: 'VoidPayment for the timeout and for the late authorization',
    });
    expect(s.participants.sentFor(id)).toContain('ReleaseStock');
    expect(s.participants.sentFor(id)).not.toContain('CapturePayment');
  });
});
