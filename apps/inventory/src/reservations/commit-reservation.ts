import { lockStock, type InventoryTransaction } from './stock-locks.js';

/**
 * A confirmed order takes its held units off the shelf: on hand and reserved
 * both drop, so the expiry sweeper can no longer give them back. Idempotent:
 * anything but a held reservation is left alone.
 */
export async function commitReservation(trx: InventoryTransaction, orderId: string, now: Date): Promise<'committed' | 'nothing-held'> {
  const reservation = await trx.selectFrom('reservations').select(['id', 'status']).where('order_id', '=', orderId).forUpdate().executeTakeFirst();
  if (reservation?.status !== 'held') return 'nothing-held';
  const lines = await trx.selectFrom('reservation_lines').select(['product_id', 'quantity']).where('reservation_id', '=', reservation.id).execute();
  await lockStock(trx, lines.map((line) => line.product_id));
  for (const line of lines) {
    await trx
      .updateTable('stock')
      .set((eb) => ({ on_hand: eb('on_hand', '-', line.quantity), reserved: eb('reserved', '-', line.quantity) }))
      .where('product_id', '=', line.product_id)
      .execute();
  }
  await trx.updateTable('reservations').set({ status: 'committed', released_at: now }).where('id', '=', reservation.id).execute();
  return 'committed';
}
