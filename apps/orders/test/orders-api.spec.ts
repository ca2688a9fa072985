import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages, ordersV1 } from '@bazaar/contracts';
import { GrpcStatus, readErrorDetails } from '@bazaar/grpc';
import { expectGrpcRejection } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';
import { as } from './support/orders-harness.js';
import { ADDRESS, Scenario } from './support/scenario.js';

const request = (p: Parameters<typeof ordersV1.PlaceOrderRequest.fromPartial>[0]) =>
  ordersV1.PlaceOrderRequest.fromPartial({
    idempotencyKey: `key-${randomUUID()}`,
    lines: [{ productId: 'MUG0000001', quantity: 1 }],
    shippingAddress: ADDRESS,
    cardToken: 'tok_test',
    ...p,
  });

/** OrderService over real gRPC: idempotency, ownership, validation, paging. */
describe('OrderService', () => {
  const s = new Scenario();
  beforeAll(() => s.start(60_000), 60_000);
  afterAll(() => s.stop(), 60_000);

  it('returns the same order for the same key, sequentially and concurrently, and starts one saga', async () => {
    const key = `checkout-${randomUUID()}`;
    const first = await s.place('alice', key);
    const again = await s.place('alice', key);
    expect(again.orderId).toBe(first.orderId);

    const racingKey = `race-${randomUUID()}`;
    const racing = await Promise.all(Array.from({ length: 5 }, () => s.place('alice', racingKey)));
    expect(new Set(racing.map((o) => o.orderId)).size).toBe(1);

    for (const id of [first.orderId, racing[0]!.orderId]) {
      expect(await s.outboxCount(id, messages.ReserveStock.typeName)).toBe(1);
      expect(await s.outboxCount(id, messages.OrderPlaced.typeName)).toBe(1);
    }
    const otherUser = await s.place('bob', key);
    expect(otherUser.orderId).not.toBe(first.orderId);

    // a retry after the first attempt emptied the cart (no lines) still gets the placed order back
    const retried = await s.orders.client.placeOrder(request({ idempotencyKey: key, lines: [] }), as('alice'));
    expect(retried.order?.orderId).toBe(first.orderId);
  });

  it('hides another user’s order (NOT_FOUND) and requires a caller', async () => {
    const { orderId } = await s.place('alice');
    expect((await s.get('alice', orderId)).userId).toBe('alice');
    await expectGrpcRejection(s.orders.client.getOrder({ orderId }, as('mallory')), GrpcStatus.NOT_FOUND);
    await expectGrpcRejection(s.orders.client.getOrder({ orderId: randomUUID() }, as('alice')), GrpcStatus.NOT_FOUND);
    await expectGrpcRejection(s.orders.client.getOrder({ orderId }), GrpcStatus.UNAUTHENTICATED);
    await expectGrpcRejection(s.orders.client.placeOrder(request({})), GrpcStatus.UNAUTHENTICATED);
  });

  it('rejects bad input with INVALID_ARGUMENT naming the fields, never echoing the card token', async () => {
    const bad = readErrorDetails(
      await expectGrpcRejection(
        s.orders.client.placeOrder(
          request({ idempotencyKey: 'x', lines: [{ productId: 'MUG0000001', quantity: 0 }], shippingAddress: { ...ADDRESS, city: '' }, cardToken: '' }),
          as('alice'),
        ),
        GrpcStatus.INVALID_ARGUMENT,
      ),
    );
    expect(bad.fieldViolations?.map((v) => v.field)).toEqual(['idempotency_key', 'lines[0].quantity', 'shipping_address.city', 'card_token']);

    const noLines = readErrorDetails(await expectGrpcRejection(s.orders.client.placeOrder(request({ lines: [] }), as('alice')), GrpcStatus.INVALID_ARGUMENT));
    expect(noLines.fieldViolations?.map((v) => v.field)).toEqual(['lines']);

    const unknown = await expectGrpcRejection(
      s.orders.client.placeOrder(request({ lines: [{ productId: 'NOPE000001', quantity: 1 }], cardToken: 'tok_secret_123' }), as('alice')),
      GrpcStatus.INVALID_ARGUMENT,
    );
    const unknownDetails = readErrorDetails(unknown);
    expect(unknownDetails.fieldViolations?.map((v) => v.field)).toEqual(['lines[0].product_id']);
    expect(JSON.stringify({ details: unknown.details, ...unknownDetails })).not.toContain('tok_secret_123');

    const badId = readErrorDetails(await expectGrpcRejection(s.orders.client.getOrder({ orderId: '' }, as('alice')), GrpcStatus.INVALID_ARGUMENT));
    expect(badId.fieldViolations?.map((v) => v.field)).toEqual(['order_id']);
  });

  it('lists the caller’s own orders, newest first, with an opaque token bound to the caller', async () => {
    const user = `lister-${randomUUID().slice(0, 8)}`;
    const placed: string[] = [];
    for (let i = 0; i < 3; i++) placed.push((await s.place(user)).orderId);
    await s.place('someone-else');

    const first = await s.orders.client.listOrders({ pageSize: 2, pageToken: '' }, as(user));
    expect(first.orders).toHaveLength(2);
    expect(first.nextPageToken).not.toBe('');
    const second = await s.orders.client.listOrders({ pageSize: 2, pageToken: first.nextPageToken }, as(user));
    expect(second.nextPageToken).toBe('');
    const listed = [...first.orders, ...second.orders];
    expect(listed.map((o) => o.orderId).sort()).toEqual([...placed].sort());
    const created = listed.map((o) => Number(o.createdAt!.seconds) * 1e9 + o.createdAt!.nanos);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(listed.every((o) => o.userId === user)).toBe(true);

    const stolen = readErrorDetails(await expectGrpcRejection(s.orders.client.listOrders({ pageSize: 2, pageToken: first.nextPageToken }, as('someone-else')), GrpcStatus.INVALID_ARGUMENT));
    expect(stolen.fieldViolations?.map((v) => v.field)).toEqual(['page_token']);
    const tooBig = readErrorDetails(await expectGrpcRejection(s.orders.client.listOrders({ pageSize: 101, pageToken: '' }, as(user)), GrpcStatus.INVALID_ARGUMENT));
    expect(tooBig.fieldViolations?.map((v) => v.field)).toEqual(['page_size']);
  });
});
