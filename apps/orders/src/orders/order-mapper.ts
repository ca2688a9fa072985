import { ordersV1, type Timestamp } from '@bazaar/contracts';
import { addressOf, linesOf, totalOf, type OrderRow } from '../saga/saga-messages.js';

const timestamp = (value: Date | string): Timestamp => {
  const ms = new Date(value).getTime();
  return { seconds: Math.floor(ms / 1000).toString(), nanos: (ms % 1000) * 1_000_000 };
};

export function toOrderMessage(row: OrderRow): ordersV1.Order {
  return {
    orderId: row.id,
    userId: row.user_id,
    status: ordersV1.OrderStatus[`ORDER_STATUS_${row.status}`],
    lines: linesOf(row),
    total: totalOf(row),
    shippingAddress: addressOf(row.shipping_address),
    cancelReason: row.cancel_reason,
    trackingId: row.tracking_id,
    timeline: row.timeline.map((e) => ({ step: e.step, outcome: e.outcome, detail: e.detail, at: timestamp(e.at) })),
    createdAt: timestamp(row.created_at),
    updatedAt: timestamp(row.updated_at),
  };
}
