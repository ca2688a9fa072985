import { EXPIRED } from './release-stock.js';
import { lockStock, shortfalls, type InventoryTransaction } from './stock-locks.js';

/**
 * `committed`: the held units left the shelf. `recommitted`: the reservation had expired before the
 * confirmation arrived (inventory was behind or down longer than the TTL) and the units were still free,
 * so they were taken again. `short`: expired, and the units are gone meanwhile: oversold, for a human.
 * `nothing-held`: no reservation of this order, or one already committed or released on request (also after
 * it expired: see releaseReservation).
 */
export type CommitOutcome = 'committed' | 'recommitted' | 'short' | 'nothing-held';

/**
 * A confirmed order takes its units off the shelf: on hand drops (and reserved, when they were still
 * held), so the expiry sweeper can no longer give them back. Idempotent: a committed reservation is left
 * alone.
 */
export async function commitReservation(trx: InventoryTransaction, orderId: string, now: Date): Promise<CommitOutcome> {
  const reservation = await trx
    .selectFrom('reservations')
    .select(['id', 'status', 'release_reason'])
    .where('order_id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  const expired = reservation?.status === 'released' && reservation.release_reason === EXPIRED;
  if (!reservation || (reservation.status !== 'held' && !expired)) return 'nothing-held';
  const lines = await trx
    .selectFrom('reservation_lines')
    .select(['product_id as productId', 'quantity'])
    .where('reservation_id', '=', reservation.id)
    .execute();
  const stock = await lockStock(trx, lines.map((line) => line.productId));
  // reservation lines are merged per product (parseOrderLines), so each line is checked on its own
  if (expired && shortfalls(lines, stock).length > 0) return 'short';
  for (const line of lines) {
    await trx
      .updateTable('stock')
      .set((eb) => ({ on_hand: eb('on_hand', '-', line.quantity), ...(expired ? {} : { reserved: eb('reserved', '-', line.quantity) }) }))
      .where('product_id', '=', line.productId)
      .execute();
  }
  await trx.updateTable('reservations').set({ status: 'committed', released_at: now }).where('id', '=', reservation.id).execute();
  return expired ? 'recommitted' : 'committed';
}
