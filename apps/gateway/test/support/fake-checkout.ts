import { randomUUID } from 'node:crypto';
import { cartV1, ordersV1, shippingV1, type Money } from '@bazaar/contracts';
import { InvalidArgumentError, NotFoundError } from '@bazaar/grpc';
import { MUG, SUNGLASSES } from './fake-catalog.js';
import { FakeService } from './fake-service.js';

const PRICES = new Map<string, { name: string; price: Money }>([
  [SUNGLASSES.id, { name: SUNGLASSES.name, price: SUNGLASSES.price! }],
  [MUG.id, { name: MUG.name, price: MUG.price! }],
]);

function times(price: Money, quantity: number): Money {
  const nanos = BigInt(price.units) * 1_000_000_000n * BigInt(quantity) + BigInt(price.nanos) * BigInt(quantity);
  return { currencyCode: price.currencyCode, units: String(nanos / 1_000_000_000n), nanos: Number(nanos % 1_000_000_000n) };
}

function checkQuantity(quantity: number, min: number): void {
  if (!Number.isInteger(quantity) || quantity < min || quantity > 99) throw InvalidArgumentError.field('quantity', `must be between ${min} and 99`);
}

/** Cart double: one cart per x-user-id, products and prices from the fake catalog's two products. */
export function fakeCart(): FakeService<typeof cartV1.CartServiceService> & { carts: Map<string, Map<string, number>> } {
  const carts = new Map<string, Map<string, number>>();
  const linesOf = (userId: string) => carts.get(userId) ?? carts.set(userId, new Map()).get(userId)!;
  const cartOf = (userId: string): { cart: cartV1.Cart } => {
    const items = [...linesOf(userId)].map(([productId, quantity]) => {
      const { name, price } = PRICES.get(productId)!;
      return { productId, name, quantity, unitPrice: price, lineTotal: times(price, quantity) };
    });
    return { cart: cartV1.Cart.fromPartial({ userId, items }) };
  };
  const service = new FakeService(cartV1.CartServiceService, {
    getCart: (_request, userId) => cartOf(userId),
    addItem: ({ productId, quantity }, userId) => {
      checkQuantity(quantity, 1);
      if (!PRICES.has(productId)) throw new NotFoundError('product', productId);
      const lines = linesOf(userId);
      lines.set(productId, Math.min(99, (lines.get(productId) ?? 0) + quantity));
      return cartOf(userId);
    },
    updateItem: ({ productId, quantity }, userId) => {
      checkQuantity(quantity, 0);
      const lines = linesOf(userId);
      if (!lines.has(productId)) throw new NotFoundError('cart item', productId);
      if (quantity === 0) lines.delete(productId);
      else lines.set(productId, quantity);
      return cartOf(userId);
    },
    removeItem: ({ productId }, userId) => {
      linesOf(userId).delete(productId);
      return cartOf(userId);
    },
    emptyCart: (_request, userId) => {
      linesOf(userId).clear();
      return cartOf(userId);
    },
  });
  return Object.assign(service, { carts });
}

/** Orders double: idempotent on (user, key), owner-only reads like the real service. */
export function fakeOrders(): FakeService<typeof ordersV1.OrderServiceService> & { orders: ordersV1.Order[] } {
  const orders: ordersV1.Order[] = [];
  const byKey = new Map<string, ordersV1.Order>();
  const now = () => ({ seconds: String(Math.floor(Date.now() / 1000)), nanos: 0 });
  const service = new FakeService(ordersV1.OrderServiceService, {
    placeOrder: (request, userId) => {
      const existing = byKey.get(`${userId}\u0000${request.idempotencyKey}`);
      if (existing) return { order: existing };
      if (request.lines.length === 0) throw InvalidArgumentError.field('lines', 'must hold at least one line');
      const order = ordersV1.Order.fromPartial({
        orderId: randomUUID(),
        userId,
        status: ordersV1.OrderStatus.ORDER_STATUS_PENDING,
        lines: request.lines,
        shippingAddress: request.shippingAddress,
        timeline: [{ step: 'place_order', outcome: 'succeeded', at: now() }],
        createdAt: now(),
        updatedAt: now(),
      });
      orders.push(order);
      byKey.set(`${userId}\u0000${request.idempotencyKey}`, order);
      return { order };
    },
    getOrder: ({ orderId }, userId) => {
      const order = orders.find((o) => o.orderId === orderId && o.userId === userId);
      if (!order) throw new NotFoundError('order', orderId);
      return { order };
    },
    listOrders: ({ pageSize, pageToken }, userId) => {
      const own = orders.filter((o) => o.userId === userId).reverse();
      const start = pageToken ? Number(pageToken) : 0;
      if (!Number.isInteger(start)) throw InvalidArgumentError.field('page_token', 'is not a token returned by this API');
      const end = start + (pageSize || 20);
      return { orders: own.slice(start, end), nextPageToken: end < own.length ? String(end) : '' };
    },
  });
  return Object.assign(service, { orders });
}

/** Shipping double: a flat quote; like the real one it validates items and destination. */
export function fakeShipping(): FakeService<typeof shippingV1.ShippingServiceService> {
  return new FakeService(
    shippingV1.ShippingServiceService,
    {
      getQuote: (request) => {
        if (request.items.length === 0) throw InvalidArgumentError.field('items', 'must hold between 1 and 100 items');
        if (!request.destination?.countryCode) throw InvalidArgumentError.field('destination.country_code', 'is required');
        return { cost: { currencyCode: 'EUR', units: '4', nanos: 990_000_000 }, carrier: 'DHL', estimatedDays: 3 };
      },
      getShipment: ({ orderId }) => {
        throw new NotFoundError('shipment', orderId);
      },
    },
    false,
  );
}
