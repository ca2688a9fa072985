import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages } from '@bazaar/contracts';
import { createTestDatabase, waitFor, type TestDatabase } from '@bazaar/testing';
import { ledgerOf } from '../src/payments/payment-store.js';
import { TEST_CARD_TOKENS } from '../src/payments/test-cards.js';
import { DeclineReason, newOrderId, OrdersSide, startPayments, type StartedPayments } from './support/harness.js';

const usd = (cents: number) => ({ currencyCode: 'USD', units: String(Math.trunc(cents / 100)), nanos: (cents % 100) * 10_000_000 });
const types = (events: { type: string }[]) => events.map((event) => event.type);

describe('payments on PostgreSQL: the saga’s commands', () => {
  let database: TestDatabase;
  let payments: StartedPayments;
  const orders = new OrdersSide();

  const statusOf = async (orderId: string) =>
    (await payments.service.database.db.selectFrom('payments').select('status').where('order_id', '=', orderId).executeTakeFirst())?.status;
  const ledger = (orderId: string) => ledgerOf(payments.service.database.db, orderId);

  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'payments_flows' });
    payments = await startPayments(database.url);
    await orders.start();
  });

  afterAll(async () => {
    await orders.stop();
    await payments?.service.shutdown('test done');
    await database?.drop();
  });

  it('authorizes an approving card, captures it, refunds it, and books each step in the ledger', async () => {
    const orderId = newOrderId();
    await orders.authorize(orderId, TEST_CARD_TOKENS.visa, 2599);
    const [authorized] = await orders.waitForEvents(orderId, 1);
    expect(authorized).toMatchObject({ type: 'PaymentAuthorized', payload: { orderId, amount: usd(2599) } });
    const paymentId = authorized!.payload['paymentId'];
    expect(paymentId).toMatch(/^[0-9a-f-]{36}$/);

    await orders.send(messages.CapturePayment, orderId, { orderId });
    await orders.send(messages.RefundPayment, orderId, { orderId, reason: 'shipment failed' });
    const events = await orders.waitForEvents(orderId, 3);
    expect(events.slice(1)).toEqual([
      { type: 'PaymentCaptured', payload: { orderId, paymentId, amount: usd(2599) } },
      { type: 'PaymentRefunded', payload: { orderId, paymentId, amount: usd(2599) } },
    ]);
    expect(await ledger(orderId)).toEqual([
      { entryType: 'authorize', amountMinor: 2599n, currencyCode: 'USD' },
      { entryType: 'capture', amountMinor: 2599n, currencyCode: 'USD' },
      { entryType: 'refund', amountMinor: 2599n, currencyCode: 'USD' },
    ]);
    expect(await statusOf(orderId)).toBe('refunded');
  });

  it('declines by test card token, with the reason, and books nothing', async () => {
    const cases = [
      [TEST_CARD_TOKENS.decline, DeclineReason.DECLINE_REASON_CARD_DECLINED],
      [TEST_CARD_TOKENS.insufficientFunds, DeclineReason.DECLINE_REASON_INSUFFICIENT_FUNDS],
      ['tok_not_a_test_card', DeclineReason.DECLINE_REASON_CARD_DECLINED],
    ] as const;
    const orderIds = cases.map(() => newOrderId());
    await Promise.all(cases.map(([token], i) => orders.authorize(orderIds[i]!, token)));
    for (const [i, [, reason]] of cases.entries()) {
      const orderId = orderIds[i]!;
      expect(await orders.waitForEvents(orderId, 1)).toEqual([{ type: 'PaymentDeclined', payload: { orderId, reason } }]);
      expect(await ledger(orderId)).toEqual([]);
      expect(await statusOf(orderId)).toBe('declined');
    }
  });

  it('answers nothing for tok_timeout; the saga’s VoidPayment closes it, and a late authorize cannot revive it', async () => {
    const orderId = newOrderId();
    await orders.authorize(orderId, TEST_CARD_TOKENS.timeout);
    await waitFor(async () => (await statusOf(orderId)) === 'no_answer', { timeoutMs: 25_000, what: 'the unanswered authorization' });

    await orders.send(messages.VoidPayment, orderId, { orderId, reason: 'payment authorization timed out' });
    expect(types(await orders.waitForEvents(orderId, 1))).toEqual(['PaymentVoided']);

    // Same key, same partition: once the second PaymentVoided is out, the late authorize was handled before it.
    await orders.authorize(orderId, TEST_CARD_TOKENS.visa);
    await orders.send(messages.VoidPayment, orderId, { orderId });
    expect(types(await orders.waitForEvents(orderId, 2))).toEqual(['PaymentVoided', 'PaymentVoided']);
    expect(await ledger(orderId)).toEqual([]);
    expect(await statusOf(orderId)).toBe('voided');
  });

  it('voids an authorization; capturing a voided payment changes nothing', async () => {
    const orderId = newOrderId();
    await orders.authorize(orderId, TEST_CARD_TOKENS.approve, 1000);
    await orders.send(messages.VoidPayment, orderId, { orderId, reason: 'order cancelled' });
    await orders.send(messages.CapturePayment, orderId, { orderId });
    await orders.send(messages.VoidPayment, orderId, { orderId });
    const events = await orders.waitForEvents(orderId, 3);
    expect(types(events)).toEqual(['PaymentAuthorized', 'PaymentVoided', 'PaymentVoided']);
    expect(new Set(events.map((event) => event.payload['paymentId'])).size).toBe(1);
    expect((await ledger(orderId)).map((entry) => entry.entryType)).toEqual(['authorize', 'void']);
    expect(await statusOf(orderId)).toBe('voided');
  });

  it('does not void a captured payment; refunds a part of it when asked', async () => {
    const orderId = newOrderId();
    await orders.authorize(orderId, TEST_CARD_TOKENS.visa, 5000);
    await orders.send(messages.CapturePayment, orderId, { orderId });
    await orders.send(messages.VoidPayment, orderId, { orderId });
    await orders.send(messages.RefundPayment, orderId, { orderId, amount: usd(1250), reason: 'partial' });
    const events = await orders.waitForEvents(orderId, 3);
    expect(types(events)).toEqual(['PaymentAuthorized', 'PaymentCaptured', 'PaymentRefunded']);
    expect(events[2]!.payload['amount']).toEqual(usd(1250));
    expect((await ledger(orderId)).map((entry) => [entry.entryType, entry.amountMinor])).toEqual([
      ['authorize', 5000n],
      ['capture', 5000n],
      ['refund', 1250n],
    ]);
  });

  it('creates no payment for a malformed AuthorizePayment (PermanentError → DLQ) and keeps the order’s commands flowing', async () => {
    const orderId = newOrderId();
    await orders.send(messages.AuthorizePayment, orderId, { orderId, cardToken: TEST_CARD_TOKENS.visa }); // no amount
    await orders.send(messages.VoidPayment, orderId, { orderId });
    expect(types(await orders.waitForEvents(orderId, 1))).toEqual(['PaymentVoided']);
    expect(await ledger(orderId)).toEqual([]);
    expect(await statusOf(orderId)).toBe('voided');
  });
});
