import type { Transaction } from '@bazaar/persistence';
import type { InventoryDatabase, UnavailableLine } from '../db/schema.js';
import type { OrderLine } from './order-lines.js';

export type InventoryTransaction = Transaction<InventoryDatabase>;

export interface LockedStock {
  product_id: string;
  on_hand: number;
  reserved: number;
}

/**
 * Locks the stock rows of these products. Every writer locks through here, in product id order (the sort runs
 * below the row locks), so two transactions never wait on each other in a cycle: no deadlocks.
 */
export async function lockStock(trx: InventoryTransaction, productIds: readonly string[]): Promise<Map<string, LockedStock>> {
  if (productIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('stock')
    .select(['product_id', 'on_hand', 'reserved'])
    .where('product_id', 'in', productIds)
    .orderBy('product_id')
    .forUpdate()
    .execute();
  return new Map(rows.map((row) => [row.product_id, row]));
}

/** Lines that cannot be had from the locked rows, each with what is still available (0 for a product inventory does not stock). */
export function shortfalls(lines: readonly OrderLine[], stock: ReadonlyMap<string, LockedStock>): UnavailableLine[] {
  return lines.flatMap((line) => {
    const row = stock.get(line.productId);
    const available = row ? Math.max(row.on_hand - row.reserved, 0) : 0;
    return available >= line.quantity ? [] : [{ productId: line.productId, quantity: available }];
  });
}
