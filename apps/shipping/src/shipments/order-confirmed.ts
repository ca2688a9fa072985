import { messages, type ordersV1 } from '@bazaar/contracts';
import { PermanentError, processOnce, type EventHandler, type Outbox } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { Database, Transaction } from '@bazaar/persistence';
import { randomUUID } from 'node:crypto';
import type { ShippingDatabase } from '../db/schema.js';
import { zoneOf } from '../quotes/rate-card.js';
import { shipmentsCreated, shipmentsFailed } from './metrics.js';
import { checkAddress, type AddressProblem } from './shipping-address.js';
import { insertShipment } from './shipment-repository.js';
import { newTrackingId } from './tracking-id.js';

type Outcome = { kind: 'created' } | AddressProblem | { kind: 'already_shipped' };

export interface OrderConfirmedDeps {
  database: Database<ShippingDatabase>;
  outbox: Outbox;
  consumerGroup: string;
  logger: Logger;
}

/**
 * Creates the one shipment of a confirmed order and announces it (ShipmentCreated), or
 * announces why it can't (ShipmentFailed) — in the transaction that records the event as handled.
 */
export function orderConfirmedHandler(deps: OrderConfirmedDeps): EventHandler<ordersV1.OrderConfirmed> {
  const { database, outbox, consumerGroup, logger } = deps;
  return async (event) => {
    const order = event.payload;
    if (!order.orderId) throw new PermanentError('OrderConfirmed without an order_id');
    let outcome: Outcome | undefined;
    const processed = await processOnce(database, consumerGroup, event, async (trx) => {
      outcome = await shipOrder(trx as Transaction<ShippingDatabase>, outbox, order);
    });
    if (processed === 'duplicate' || !outcome) return;
    if (outcome.kind === 'created') shipmentsCreated.inc();
    else if (outcome.kind === 'already_shipped') logger.info({ orderId: order.orderId }, 'order already has a shipment; event ignored');
    else {
      shipmentsFailed.inc({ reason: outcome.kind });
      logger.warn({ orderId: order.orderId, reason: outcome.reason }, 'no shipment for confirmed order');
    }
  };
}

async function shipOrder(trx: Transaction<ShippingDatabase>, outbox: Outbox, order: ordersV1.OrderConfirmed): Promise<Outcome> {
  const check = checkAddress(order.shippingAddress);
  if (check.kind !== 'usable') {
    await outbox.enqueue(trx, messages.ShipmentFailed, order.orderId, { orderId: order.orderId, reason: check.reason });
    return check;
  }
  const { address } = check;
  const shipment = {
    id: randomUUID(),
    order_id: order.orderId,
    user_id: order.userId,
    tracking_id: newTrackingId(),
    carrier: zoneOf(address.countryCode).carrier,
    recipient_name: address.name,
    street: address.street,
    city: address.city,
    postal_code: address.postalCode,
    country_code: address.countryCode,
  };
  if (!(await insertShipment(trx, shipment))) return { kind: 'already_shipped' };
  await outbox.enqueue(trx, messages.ShipmentCreated, order.orderId, {
    orderId: order.orderId,
    shipmentId: shipment.id,
    trackingId: shipment.tracking_id,
    carrier: shipment.carrier,
  });
  return { kind: 'created' };
}
