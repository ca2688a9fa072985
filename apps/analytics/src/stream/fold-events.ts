import { messages, type clickstreamV1, type ordersV1 } from '@bazaar/contracts';
import type { StreamBatch, StreamEvent } from '@bazaar/messaging';
import type { OrderState } from '../db/schema.js';
import { isLate } from '../windows/watermark.js';
import { paneOf } from '../windows/window-kind.js';
import { PaneFacts } from './pane-facts.js';

/** Which of the two input streams a topic is: a metric label and the late_events key. */
export type StreamName = 'clickstream' | 'orders';

const orderStates = new Map<string, OrderState>([
  [messages.OrderPlaced.typeName, 'PLACED'],
  [messages.OrderConfirmed.typeName, 'CONFIRMED'],
  [messages.OrderCancelled.typeName, 'CANCELLED'],
  [messages.OrderShipped.typeName, 'SHIPPED'],
]);

/**
 * What one batch adds to the panes. Links and amounts (CheckoutStarted's order → session, an order's
 * total) are facts about an order, not windowed counts: they are kept even when their event is late,
 * so an order in an open window still finds its session and amount.
 */
export function foldBatch(batch: StreamBatch, stream: StreamName, allowedLatenessMs: number): PaneFacts {
  const facts = new PaneFacts();
  for (const event of batch.events) foldEvent(facts, event, stream, allowedLatenessMs);
  return facts;
}

function foldEvent(facts: PaneFacts, event: StreamEvent, stream: StreamName, allowedLatenessMs: number): void {
  const time = event.occurredAt.getTime();
  const pane = paneOf(time);
  keepOrderFacts(facts, event);
  if (!counts(event)) return;
  if (isLate(time, event.streamTime.getTime(), allowedLatenessMs)) {
    facts.lateEvent(pane, stream);
    return;
  }
  switch (event.type) {
    case messages.ProductViewed.typeName: {
      const viewed = event.payload as clickstreamV1.ProductViewed;
      if (viewed.productId) facts.view(pane, viewed.productId, viewed.sessionId || event.key);
      return;
    }
    case messages.ProductAddedToCart.typeName: {
      const added = event.payload as clickstreamV1.ProductAddedToCart;
      if (added.productId) facts.addToCart(pane, added.productId, added.sessionId || event.key);
      return;
    }
  }
  const state = orderStates.get(event.type);
  if (!state) return;
  const order = event.payload as { orderId: string; lines?: ordersV1.OrderLine[] };
  const orderId = order.orderId || event.key;
  const productIds = state === 'PLACED' ? [...new Set((order.lines ?? []).map((line) => line.productId).filter(Boolean))] : [];
  facts.order(pane, state, orderId, productIds);
}

/** Searches and checkout starts feed no windowed count (a checkout's order is counted from the order events). */
function counts(event: StreamEvent): boolean {
  return event.type !== messages.ProductsSearched.typeName && event.type !== messages.CheckoutStarted.typeName;
}

function keepOrderFacts(facts: PaneFacts, event: StreamEvent): void {
  if (event.type === messages.CheckoutStarted.typeName) {
    const checkout = event.payload as clickstreamV1.CheckoutStarted;
    if (checkout.orderId) facts.checkout(checkout.orderId, checkout.sessionId || event.key, checkout.userId);
  } else if (event.type === messages.OrderPlaced.typeName || event.type === messages.OrderConfirmed.typeName) {
    const order = event.payload as ordersV1.OrderPlaced;
    facts.amount(order.orderId || event.key, order.total);
  }
}
