import type { ordersV1 } from '@bazaar/contracts';
import { processOnce, type EventHandler } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { Database, Transaction } from '@bazaar/persistence';
import type { ShippingDatabase } from '../db/schema.js';
import { shipmentsCancelled } from './metrics.js';

const MAX_REASON_LENGTH = 500;

export interface OrderCancelledDeps {
  database: Database<ShippingDatabase>;
  consumerGroup: string;
  logger: Logger;
}

/**
 * Withdraws the shipment of an order cancelled after it was created. The saga cancels a confirmed order
 * when its shipment step times out; if this service created the shipment anyway (it was behind), the order
 * is refunded and its stock restocked, so the parcel must not go out. OrderConfirmed and OrderCancelled share
 * the order's key on one topic, so the shipment (if any) exists by the time this runs.
 */
export function orderCancelledHandler(deps: OrderCancelledDeps): EventHandler<ordersV1.OrderCancelled> {
  const { database, consumerGroup, logger } = deps;
  return async (event) => {
    const { orderId, reason } = event.payload;
    if (!orderId) return;
    let withdrawn = false;
    const processed = await processOnce(database, consumerGroup, event, async (trx) => {
      withdrawn = await withdrawShipment(trx as Transaction<ShippingDatabase>, orderId, reason);
    });
    if (processed === 'duplicate' || !withdrawn) return;
    shipmentsCancelled.inc();
    logger.warn({ orderId }, 'shipment withdrawn: its order was cancelled after the shipment was created');
  };
}

async function withdrawShipment(trx: Transaction<ShippingDatabase>, orderId: string, reason: string): Promise<boolean> {
  const updated = await trx
    .updateTable('shipments')
    .set({ cancelled_at: new Date(), cancel_reason: reason.replaceAll('\u0000', '').slice(0, MAX_REASON_LENGTH) || 'order cancelled' })
    .where('order_id', '=', orderId)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}
