import type { inventoryV1 } from '@bazaar/contracts';
import type { Kysely } from '@bazaar/persistence';
import type { InventoryDatabase } from '../db/schema.js';

/**
 * One level per requested id, in request order (duplicates collapsed). A product inventory does not stock
 * gets a level of zeros rather than NOT_FOUND: "none available" is the truthful answer for a storefront.
 */
export async function readStockLevels(db: Kysely<InventoryDatabase>, productIds: readonly string[]): Promise<inventoryV1.StockLevel[]> {
  const distinct = [...new Set(productIds)];
  const rows = await db.selectFrom('stock').select(['product_id', 'on_hand', 'reserved']).where('product_id', 'in', distinct).execute();
  const byId = new Map(rows.map((row) => [row.product_id, row]));
  return distinct.map((productId) => {
    const row = byId.get(productId);
    const onHand = row?.on_hand ?? 0;
    const reserved = row?.reserved ?? 0;
    return { productId, onHand, reserved, available: onHand - reserved };
  });
}
