import type { Kysely, Migration } from '@bazaar/persistence';
import type { InventoryDatabase } from '../schema.js';
import { seedStock } from '../seed-stock.js';

/** Seeds stock for the catalog's products once; recorded like any migration, so restarts never reset it. */
export const seedInitialStock: Migration = {
  async up(db: Kysely<unknown>) {
    await (db as Kysely<InventoryDatabase>)
      .insertInto('stock')
      .values(seedStock.map(({ productId, onHand }) => ({ product_id: productId, on_hand: onHand, reserved: 0 })))
      .onConflict((c) => c.column('product_id').doNothing())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await (db as Kysely<InventoryDatabase>)
      .deleteFrom('stock')
      .where('product_id', 'in', seedStock.map((s) => s.productId))
      .execute();
  },
};
