import { randomUUID } from 'node:crypto';
import { lockStock, type InventoryTransaction } from './stock-locks.js';

/**
 * `released`: held stock went back; `restocked`: a committed order's units went back on the shelf (its
 * saga was cancelled after confirmation, e.g. no shipment could be created); `nothing-held`: no-op (unknown,
 * rejected or already released); `not-expired`: still within its TTL, so the sweeper leaves it.
 */
/** The release reason the expiry sweeper records. */
export const EXPIRED = 'expired';

export type ReleaseOutcome = 'released' | 'restocked' | 'nothing-held' | 'not-expired';

export interface ReleaseOptions {
  reason: string;
  now: Date;
  /** The sweeper's release: only if the reservation is still held and expired at `now`. */
  onlyIfExpired?: boolean;
}

/** Gives back what an order holds, in the caller's transaction. Idempotent. */
export async function releaseReservation(trx: InventoryTransaction, orderId: string, options: ReleaseOptions): Promise<ReleaseOutcome> {
  // A release for an order never reserved leaves a tombstone, so a late (replayed) ReserveStock cannot hold stock for it.
  if (!options.onlyIfExpired && (await recordTombstone(trx, orderId, options))) return 'nothing-held';

  const reservation = await trx
    .selectFrom('reservations')
    .select(['id', 'status', 'expires_at', 'release_reason'])
    .where('order_id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!reservation) return 'nothing-held';
  if (!options.onlyIfExpired && reservation.status === 'released' && reservation.release_reason === EXPIRED) {
    // Already given back by the sweeper. Recording that the saga let go as well keeps a confirmation read
    // after this (the two travel on different topics) from taking the units again for a cancelled order.
    await trx.updateTable('reservations').set({ release_reason: options.reason }).where('id', '=', reservation.id).execute();
    return 'nothing-held';
  }
  const restock = reservation.status === 'committed' && !options.onlyIfExpired;
  if (reservation.status !== 'held' && !restock) return 'nothing-held';
  if (options.onlyIfExpired && (reservation.expires_at?.getTime() ?? 0) > options.now.getTime()) return 'not-expired';

  const lines = await trx.selectFrom('reservation_lines').select(['product_id', 'quantity']).where('reservation_id', '=', reservation.id).execute();
  await lockStock(trx, lines.map((line) => line.product_id));
  for (const line of lines) {
    await trx
      .updateTable('stock')
      // held units only stop being reserved; committed ones already left on_hand and come back to it
      .set((eb) => (restock ? { on_hand: eb('on_hand', '+', line.quantity) } : { reserved: eb('reserved', '-', line.quantity) }))
      .where('product_id', '=', line.product_id)
      .execute();
  }
  await trx
    .updateTable('reservations')
    .set({ status: 'released', release_reason: options.reason, released_at: options.now })
    .where('id', '=', reservation.id)
    .execute();
  return restock ? 'restocked' : 'released';
}

async function recordTombstone(trx: InventoryTransaction, orderId: string, options: ReleaseOptions): Promise<boolean> {
  const inserted = await trx
    .insertInto('reservations')
    .values({
      id: randomUUID(),
      order_id: orderId,
      status: 'released',
      expires_at: null,
      reject_reason: null,
      unavailable: null,
      release_reason: options.reason,
      created_at: options.now,
      released_at: options.now,
    })
    .onConflict((conflict) => conflict.column('order_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
