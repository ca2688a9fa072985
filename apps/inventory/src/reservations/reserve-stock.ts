import { randomUUID } from 'node:crypto';
import type { inventoryV1 } from '@bazaar/contracts';
import type { UnavailableLine } from '../db/schema.js';
import { parseOrderLines } from './order-lines.js';
import { lockStock, shortfalls, type InventoryTransaction } from './stock-locks.js';

/** What a ReserveStock command led to; `repeated` when the order already had an outcome (answered again, nothing changed). */
export type ReserveOutcome =
  | { kind: 'reserved'; reservationId: string; expiresAt: Date; repeated: boolean }
  | { kind: 'rejected'; reason: string; unavailable: UnavailableLine[]; repeated: boolean }
  | { kind: 'released'; repeated: true };

export interface ReserveOptions {
  ttlMs: number;
  now: Date;
}

export const INSUFFICIENT_STOCK = 'insufficient stock';

/**
 * Holds every line of the order or nothing, in the caller's transaction. The order's reservation row is
 * claimed first (unique order id), so a second command for the same order waits for the first and is then
 * answered with its outcome instead of reserving again.
 */
export async function reserveStock(trx: InventoryTransaction, command: inventoryV1.ReserveStock, options: ReserveOptions): Promise<ReserveOutcome> {
  const reservationId = randomUUID();
  const expiresAt = new Date(options.now.getTime() + options.ttlMs);
  const claimed = await trx
    .insertInto('reservations')
    .values({
      id: reservationId,
      order_id: command.orderId,
      status: 'held',
      expires_at: expiresAt,
      reject_reason: null,
      unavailable: null,
      release_reason: null,
      created_at: options.now,
      released_at: null,
    })
    .onConflict((conflict) => conflict.column('order_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return previousOutcome(trx, command.orderId);

  const parsed = parseOrderLines(command.lines);
  if (!parsed.ok) return reject(trx, reservationId, parsed.reason, []);
  const stock = await lockStock(trx, parsed.lines.map((line) => line.productId));
  const unavailable = shortfalls(parsed.lines, stock);
  if (unavailable.length > 0) return reject(trx, reservationId, INSUFFICIENT_STOCK, unavailable);

  for (const line of parsed.lines) {
    await trx
      .updateTable('stock')
      .set((eb) => ({ reserved: eb('reserved', '+', line.quantity) }))
      .where('product_id', '=', line.productId)
      .execute();
  }
  await trx
    .insertInto('reservation_lines')
    .values(parsed.lines.map((line) => ({ reservation_id: reservationId, product_id: line.productId, quantity: line.quantity })))
    .execute();
  return { kind: 'reserved', reservationId, expiresAt, repeated: false };
}

async function reject(trx: InventoryTransaction, reservationId: string, reason: string, unavailable: UnavailableLine[]): Promise<ReserveOutcome> {
  await trx
    .updateTable('reservations')
    .set({ status: 'rejected', expires_at: null, reject_reason: reason, unavailable: JSON.stringify(unavailable) })
    .where('id', '=', reservationId)
    .execute();
  return { kind: 'rejected', reason, unavailable, repeated: false };
}

async function previousOutcome(trx: InventoryTransaction, orderId: string): Promise<ReserveOutcome> {
  const row = await trx
    .selectFrom('reservations')
    .select(['id', 'status', 'expires_at', 'reject_reason', 'unavailable'])
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  switch (row.status) {
    case 'held':
    case 'committed': // confirmed since: the reservation stood, so a replayed command gets the same answer
      return { kind: 'reserved', reservationId: row.id, expiresAt: new Date(row.expires_at ?? 0), repeated: true };
    case 'rejected':
      return { kind: 'rejected', reason: row.reject_reason ?? INSUFFICIENT_STOCK, unavailable: row.unavailable ?? [], repeated: true };
    case 'released':
      return { kind: 'released', repeated: true };
  }
}
