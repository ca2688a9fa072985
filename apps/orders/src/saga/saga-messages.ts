import { messages, money, type MessageType } from '@bazaar/contracts';
import type { Selectable } from '@bazaar/persistence';
import type { OrdersTable, StoredAddress } from '../db/schema.js';
import type { SagaCommand } from './saga-state.js';

export type OrderRow = Selectable<OrdersTable>;

/** One outbox write: message type, key (the order id) and payload. */
export interface OutgoingMessage<T = unknown> {
  type: MessageType<T>;
  key: string;
  payload: T;
}

const out = <T>(type: MessageType<T>, order: OrderRow, payload: Partial<T>): OutgoingMessage =>
  ({ type, key: order.id, payload: type.create(payload) }) as OutgoingMessage;

export const totalOf = (order: OrderRow) => money(order.currency_code, BigInt(order.total_minor));

export const linesOf = (order: OrderRow) =>
  order.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: money(order.currency_code, BigInt(l.unitPriceMinor)) }));

export const addressOf = (a: StoredAddress) => ({ ...a });

/** The message a saga command stands for, filled from the order (after the transition was applied to it). */
export function messageFor(command: SagaCommand, order: OrderRow, reason: string): OutgoingMessage {
  const orderId = order.id;
  switch (command) {
    case 'AuthorizePayment':
      if (!order.card_token) throw new Error(`order ${orderId} has no card token left to authorize with`);
      return out(messages.AuthorizePayment, order, { orderId, userId: order.user_id, amount: totalOf(order), cardToken: order.card_token });
    case 'CapturePayment':
      return out(messages.CapturePayment, order, { orderId });
    case 'VoidPayment':
      return out(messages.VoidPayment, order, { orderId, reason });
    case 'RefundPayment':
      return out(messages.RefundPayment, order, { orderId, amount: totalOf(order), reason });
    case 'ReleaseStock':
      return out(messages.ReleaseStock, order, { orderId, reason });
    case 'OrderConfirmed':
      return out(messages.OrderConfirmed, order, {
        orderId,
        userId: order.user_id,
        lines: linesOf(order),
        total: totalOf(order),
        shippingAddress: addressOf(order.shipping_address),
      });
    case 'OrderShipped':
      return out(messages.OrderShipped, order, { orderId, userId: order.user_id, trackingId: order.tracking_id });
    case 'OrderCancelled':
      return out(messages.OrderCancelled, order, { orderId, userId: order.user_id, reason });
  }
}
