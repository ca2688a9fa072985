import { EXPIRED } from './release-stock.js';
import { lockStock, type InventoryTransaction } from './stock-locks.js';

/**
 * `committed`: the held units left the shelf. `recommitted`: the reservation had expired before the
 * confirmation arrived (inventory was behind or down longer than the TTL) and the units were still free,
 * so they were taken again. `short`: expired, and the units are gone meanwhile: oversold, for a human.
 * `nothing-held`: no reservation of this order, or one already committed or released on request (also after
 * it expired: see releaseReservation).
 */
export type CommitOutcome = 'committed' | 'recommitted' | 'short' | 'nothing-held';

interface Line {
  product_id: string;
  quantity: number;
}

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
  const lines = await trx.selectFrom('reservation_lines').select(['product_id', 'quantity']).where('reservation_id', '=', reservation.id).execute();
  await lockStock(trx, lines.map((line) => line.product_id));
  if (expired && !(await allAvailable(trx, lines))) return 'short';
  for (const line of lines) {
    await trx
      .updateTable('stock')
      .set((eb) => ({ on_hand: eb('on_hand', '-', line.quantity), ...(expired ? {} : { reserved: eb('reserved', '-', line.quantity) }) }))
      .where('product_id', '=', line.product_id)
      .execute();
  }
  await trx.updateTable('reservations').set({ status: 'committed', released_at: now }).where('id', '=', reservation.id).execute();
  return expired ? 'recommitted' : 'committed';
}

async function allAvailable(trx: InventoryTransaction, lines: readonly Line[]): Promise<boolean> {
  if (lines.length === 0) return true;
  const stock = await trx
    .selectFrom('stock')
    .select(['product_id', 'on_hand', 'reserved'])
    .where('product_id', 'in', lines.map((line) => line.product_id))
    .execute();
  const free = new Map(stock.map((row) => [row.product_id, row.on_hand - row.reserved]));
  // One product may appear on several lines: what they need together must be free.
  const needed = new Map<string, number>();
  for (const line of lines) needed.set(line.product_id, (needed.get(line.product_id) ?? 0) + line.quantity);
  return [...needed].every(([productId, quantity]) => (free.get(productId) ?? 0) >= quantity);
}
