import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages, ordersV1 } from '@bazaar/contracts';
import { waitFor } from '@bazaar/testing';
import { startCheckoutLoad } from './support/checkout-load.js';
import { startOrdersProcess, type OrdersProcess } from './support/orders-harness.js';
import { Scenario, timelineOf } from './support/scenario.js';

const { ORDER_STATUS_SHIPPED } = ordersV1.OrderStatus;
const USER = 'user-crash';
/** Only these orders are answered by this file's participants (the topics are shared with other files). */
const CRASH_LINES = [{ productId: 'MUG0000001', quantity: 5 }];
const WORKERS = 3;

/** The scenario's orders as a real process that can be SIGKILLed: `crash()` kills it, `restart()` starts the next one. */
function killableOrders(s: Scenario, start: () => Promise<unknown>) {
  let running: OrdersProcess | undefined;
  const restart = async () => {
    running = await startOrdersProcess(s.env);
    s.orders = running;
  };
  beforeAll(async () => {
    await start();
    // the scenario's in-process instance steps aside
    await s.orders.stop();
    await restart();
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
    s.orders = { client: s.orders.client, stop: async () => undefined };
    await s.stop();
  }, 60_000);
  return { crash: () => running!.kill(), restart };
}

/**
 * SIGKILL while checkouts keep arriving and sagas are half way: no shutdown hook runs, transactions in
 * flight roll back, the relay may have published rows it never marked sent. A new process on the same
 * database and consumer group resumes every open saga from its persisted state. Clients retry with their
 * idempotency key, so every checkout ends as exactly one order that ships, with each command written once.
 */
describe('orders: killed mid-saga (SIGKILL) and restarted', () => {
  const s = new Scenario();
  const ours = new Set<string>();
  const orders = killableOrders(s, async () => {
    // a long step timeout: every saga here must finish by its replies, none by compensation
    await s.start(120_000);
    s.participants.autoReply((seen) => {
      const lines = seen.payload['lines'] as { quantity?: number }[] | undefined;
      if (seen.type === 'ReserveStock' && lines?.length === 1 && lines[0]?.quantity === 5) ours.add(seen.key);
      return ours.has(seen.key);
    });
  });

  it('resumes every open saga after a crash: each checkout ships once, each command written once', async () => {
    const load = startCheckoutLoad(s, USER, CRASH_LINES, WORKERS);
    const { orderIdsByKey } = load;

    await waitFor(async () => orderIdsByKey.size >= 15, { timeoutMs: 30_000, what: '15 orders placed before the crash' });
    await orders.crash();
    const shippedAtKill = s.participants.seen.filter((seen) => seen.type === 'OrderShipped' && ours.has(seen.key)).length;
    expect(shippedAtKill).toBeLessThan(orderIdsByKey.size);

    await orders.restart();
    const placedBefore = orderIdsByKey.size;
    await waitFor(async () => orderIdsByKey.size >= placedBefore + 10, { timeoutMs: 60_000, what: '10 more orders after the restart' });
    await load.stop();

    const orderIds = [...orderIdsByKey.values()];
    expect(new Set(orderIds).size).toBe(orderIdsByKey.size);
    // the dead member holds its partitions until its session times out (30 s), then the new process takes over
    for (const id of orderIds) {
      const order = await s.reachStatus(USER, id, ORDER_STATUS_SHIPPED, 90_000);
      const timeline = timelineOf(order);
      expect(new Set(timeline).size).toBe(timeline.length);
      for (const command of [messages.ReserveStock, messages.AuthorizePayment, messages.CapturePayment]) {
        expect({ id, command: command.typeName, written: await s.outboxCount(id, command.typeName) }).toEqual({ id, command: command.typeName, written: 1 });
      }
    }
    const stored = await s.inspect!.db.selectFrom('orders').select('id').where('user_id', '=', USER).execute();
    expect(stored).toHaveLength(orderIdsByKey.size);
  }, 240_000);
});

/**
 * The kill at a known point: both sagas have sent AuthorizePayment when the process dies. One authorization
 * arrives while no orders process runs; the other never does. The new process (after the dead member's session
 * ran out) must finish the first from Kafka and compensate the second when its step deadline passes.
 */
describe('orders: SIGKILL right after AuthorizePayment went out', () => {
  const s = new Scenario();
  // longer than a restart plus the dead member's 30 s session, so the reply read after it is still on time
  const orders = killableOrders(s, () => s.start(60_000));

  it('completes the saga whose authorization arrived while it was dead, and compensates the one never answered', async () => {
    const completing = (await s.place(USER)).orderId;
    const abandoned = (await s.place(USER)).orderId;
    // a new consumer group reads the replies topic from its start first (the broker is shared with other suites)
    for (const id of [completing, abandoned]) await s.reserveUntilAuthorize(id, 60_000);
    await orders.crash();
    await s.participants.reply(messages.PaymentAuthorized, completing, { paymentId: 'pay-after-kill' });
    await orders.restart();

    await s.reachStatus(USER, completing, ordersV1.OrderStatus.ORDER_STATUS_CONFIRMED, 60_000);
    await s.participants.waitFor(completing, 'CapturePayment');
    await s.participants.reply(messages.ShipmentCreated, completing, { trackingId: 'TRK-KILL' });
    await s.reachStatus(USER, completing, ORDER_STATUS_SHIPPED);

    const cancelled = await s.reachStatus(USER, abandoned, ordersV1.OrderStatus.ORDER_STATUS_CANCELLED, 90_000);
    expect(cancelled.cancelReason).toBe('payment authorization timed out');
    await s.participants.waitFor(abandoned, 'VoidPayment');
    await s.participants.waitFor(abandoned, 'ReleaseStock');
    expect(s.participants.sentFor(abandoned)).not.toContain('CapturePayment');
    // nothing was sent twice because of the crash
    for (const [id, command] of [
      [completing, messages.AuthorizePayment],
      [completing, messages.CapturePayment],
      [abandoned, messages.AuthorizePayment],
    ] as const) {
      expect({ id, command: command.typeName, written: await s.outboxCount(id, command.typeName) }).toEqual({ id, command: command.typeName, written: 1 });
    }
  }, 240_000);
});
