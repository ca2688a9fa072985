import type { Money } from '@bazaar/contracts';
import type { OrderState } from '../db/schema.js';

/** Everything one batch adds, collected before writing so rows are written once and in key order. */
export class PaneFacts {
  readonly productCounts = new Map<string, { pane: number; productId: string; views: number; addedToCart: number }>();
  readonly productOrders = new Map<string, { pane: number; productId: string; orderId: string }>();
  readonly sessions = new Map<string, { pane: number; stage: 'viewed' | 'carted'; sessionId: string }>();
  readonly orders = new Map<string, { pane: number; state: OrderState; orderId: string }>();
  readonly checkoutSessions = new Map<string, { sessionId: string; userId: string }>();
  readonly amounts = new Map<string, { currencyCode: string; nanos: bigint }>();
  readonly late = new Map<string, { pane: number; stream: string; events: number }>();
  readonly touchedPanes = new Set<number>();

  view(pane: number, productId: string, sessionId: string): void {
    this.product(pane, productId).views += 1;
    this.session(pane, 'viewed', sessionId);
  }

  addToCart(pane: number, productId: string, sessionId: string): void {
    this.product(pane, productId).addedToCart += 1;
    this.session(pane, 'carted', sessionId);
  }

  /** An order reached a state; placed orders also count once for each product they contain. */
  order(pane: number, state: OrderState, orderId: string, productIds: readonly string[] = []): void {
    this.orders.set(key(pane, state, orderId), { pane, state, orderId });
    for (const productId of productIds) this.productOrders.set(key(pane, productId, orderId), { pane, productId, orderId });
    this.touchedPanes.add(pane);
  }

  /** The session an order was checked out in; of two claims the smaller session id wins, whatever the arrival order. */
  checkout(orderId: string, sessionId: string, userId: string): void {
    const known = this.checkoutSessions.get(orderId);
    if (!known || sessionId < known.sessionId) this.checkoutSessions.set(orderId, { sessionId, userId });
  }

  /** An order's total in nanos of its currency (exact integers, never floats). */
  amount(orderId: string, total: Money | undefined): void {
    if (!total?.currencyCode || this.amounts.has(orderId)) return;
    this.amounts.set(orderId, { currencyCode: total.currencyCode, nanos: BigInt(total.units) * 1_000_000_000n + BigInt(total.nanos) });
  }

  lateEvent(pane: number, stream: string): void {
    const k = key(pane, stream);
    const entry = this.late.get(k) ?? { pane, stream, events: 0 };
    entry.events += 1;
    this.late.set(k, entry);
    this.touchedPanes.add(pane);
  }

  private product(pane: number, productId: string) {
    const k = key(pane, productId);
    let entry = this.productCounts.get(k);
    if (!entry) this.productCounts.set(k, (entry = { pane, productId, views: 0, addedToCart: 0 }));
    this.touchedPanes.add(pane);
    return entry;
  }

  private session(pane: number, stage: 'viewed' | 'carted', sessionId: string): void {
    this.sessions.set(key(pane, stage, sessionId), { pane, stage, sessionId });
  }
}

const key = (...parts: (string | number)[]): string => parts.join('\u0000');

/** Map values sorted by their keys: every transaction locks rows in the same order, so none deadlock. */
export function sortedValues<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}
