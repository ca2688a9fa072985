import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages, ordersV1 } from '@bazaar/contracts';
import { Scenario, timelineOf } from './support/scenario.js';

/** The embedded run mode (`npm start`): the same saga on in-process PGlite. */
describe('orders on PGlite', () => {
  const s = new Scenario();
  beforeAll(() => s.start(60_000, {}, true), 60_000);
  afterAll(() => s.stop(), 60_000);

  it('places an order and cancels it when stock is rejected', async () => {
    const placed = await s.place('pglite-user', 'pglite-key-1');
    expect((await s.place('pglite-user', 'pglite-key-1')).orderId).toBe(placed.orderId);
    await s.participants.waitFor(placed.orderId, 'ReserveStock');
    await s.participants.reply(messages.StockRejected, placed.orderId, { reason: 'none left' });
    const cancelled = await s.reachStatus('pglite-user', placed.orderId, ordersV1.OrderStatus.ORDER_STATUS_CANCELLED);
    expect(timelineOf(cancelled)).toEqual(['place_order:succeeded', 'reserve_stock:requested', 'reserve_stock:failed', 'cancel_order:succeeded']);
    await s.participants.waitFor(placed.orderId, 'OrderCancelled');
  });
});
