import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status as grpcStatus } from '@grpc/grpc-js';
import { messages, ordersV1 } from '@bazaar/contracts';
import { waitFor } from '@bazaar/testing';
import { startCheckoutLoad } from './support/checkout-load.js';
import { startOrders } from './support/orders-harness.js';
import { Scenario, timelineOf } from './support/scenario.js';

const { ORDER_STATUS_SHIPPED } = ordersV1.OrderStatus;
const USER = 'user-under-load';
/** Only these orders are answered by this file's participants (the topics are shared with other files). */
const LOAD_LINES = [{ productId: 'MUG0000001', quantity: 7 }];
const WORKERS = 4;

/**
 * SIGTERM while checkouts keep arriving: the instance stops taking calls, finishes what it took, and a new
 * instance carries on. Clients retry with their idempotency key (as the gateway's callers do with
 * Idempotency-Key), so every checkout ends as exactly one order, and every saga completes once.
 */
describe('orders: SIGTERM under load', () => {
  const s = new Scenario();
  const ours = new Set<string>();
  beforeAll(async () => {
    await s.start(60_000);
    s.participants.autoReply((seen) => {
      const lines = seen.payload['lines'] as { quantity?: number }[] | undefined;
      if (seen.type === 'ReserveStock' && lines?.length === 1 && lines[0]?.quantity === 7) ours.add(seen.key);
      return ours.has(seen.key);
    });
  }, 60_000);
  afterAll(() => s.stop(), 60_000);

  it('loses no checkout and runs no saga step twice across a graceful restart mid-stream', async () => {
    const load = startCheckoutLoad(s, USER, LOAD_LINES, WORKERS);
    const { orderIdsByKey, refusals } = load;

    await waitFor(async () => orderIdsByKey.size >= 20, { timeoutMs: 30_000, what: '20 orders placed before the restart' });
    const stopping = s.orders;
    // sagas still open when the signal comes: their replies arrive while no instance runs, or to the new one
    const shippedAtSignal = s.participants.seen.filter((seen) => seen.type === 'OrderShipped' && ours.has(seen.key)).length;
    expect(shippedAtSignal).toBeLessThan(ours.size);
    await stopping.service!.shutdown('SIGTERM');
    s.orders = await startOrders(s.env);
    const placedBefore = orderIdsByKey.size;
    await waitFor(async () => orderIdsByKey.size >= placedBefore + 20, { timeoutMs: 30_000, what: '20 more orders after the restart' });
    await load.stop();
    stopping.client.close();

    // A stopping or stopped instance refuses with UNAVAILABLE, never with a server error.
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.filter((code) => code !== grpcStatus.UNAVAILABLE)).toEqual([]);
    const orderIds = [...orderIdsByKey.values()];
    expect(new Set(orderIds).size).toBe(orderIdsByKey.size);
    for (const id of orderIds) {
      const order = await s.reachStatus(USER, id, ORDER_STATUS_SHIPPED, 60_000);
      const timeline = timelineOf(order);
      expect(new Set(timeline).size).toBe(timeline.length);
      expect(await s.outboxCount(id, messages.ReserveStock.typeName)).toBe(1);
      expect(await s.outboxCount(id, messages.AuthorizePayment.typeName)).toBe(1);
      expect(await s.outboxCount(id, messages.CapturePayment.typeName)).toBe(1);
    }
    // one order per checkout, whatever the retries
    const stored = await s.inspect!.db.selectFrom('orders').select('id').where('user_id', '=', USER).execute();
    expect(stored).toHaveLength(orderIdsByKey.size);
  }, 180_000);
});
