import { Inject, Injectable } from '@nestjs/common';
import type { Insertable, Kysely, Selectable, Transaction } from '@bazaar/persistence';
import type { ShipmentsTable, ShippingDatabase } from '../db/schema.js';

export const SHIPPING_DB = Symbol('SHIPPING_DB');

export type ShipmentRow = Selectable<ShipmentsTable>;

/** Inserts the order's shipment unless it has one; true when this call created it. */
export async function insertShipment(trx: Transaction<ShippingDatabase>, shipment: Insertable<ShipmentsTable>): Promise<boolean> {
  const inserted = await trx
    .insertInto('shipments')
    .values(shipment)
    .onConflict((conflict) => conflict.column('order_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

@Injectable()
export class ShipmentRepository {
  constructor(@Inject(SHIPPING_DB) private readonly db: Kysely<ShippingDatabase>) {}

  async findByOrderId(orderId: string): Promise<ShipmentRow | undefined> {
    return this.db.selectFrom('shipments').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  }
}
