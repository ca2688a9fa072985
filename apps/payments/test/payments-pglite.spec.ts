import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages } from '@bazaar/contracts';
import { sql } from '@bazaar/persistence';
import { ledgerOf } from '../src/payments/payment-store.js';
import { TEST_CARD_TOKENS } from '../src/payments/test-cards.js';
import { newOrderId, OrdersSide, startPayments, type StartedPayments } from './support/harness.js';

describe('payments on PGlite (local runs without DATABASE_URL)', () => {
  let payments: StartedPayments;
  const orders = new OrdersSide();

  beforeAll(async () => {
    payments = await startPayments(undefined);
    await orders.start();
  });

  afterAll(async () => {
    await orders.stop();
    await payments?.service.shutdown('test done');
  });

  it('authorizes and captures, and its ledger is append-only too', async () => {
    const orderId = newOrderId();
    await orders.authorize(orderId, TEST_CARD_TOKENS.visa, 3150);
    await orders.send(messages.CapturePayment, orderId, { orderId });
    const events = await orders.waitForEvents(orderId, 2);
    expect(events.map((event) => event.type)).toEqual(['PaymentAuthorized', 'PaymentCaptured']);
    expect(events[1]!.payload['paymentId']).toBe(events[0]!.payload['paymentId']);

    const db = payments.service.database.db;
    expect((await ledgerOf(db, orderId)).map((entry) => [entry.entryType, entry.amountMinor])).toEqual([
      ['authorize', 3150n],
      ['capture', 3150n],
    ]);
    await expect(sql`DELETE FROM payment_ledger`.execute(db)).rejects.toThrow(/append-only/);
  });
});
