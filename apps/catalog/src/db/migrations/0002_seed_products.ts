import type { Kysely, Migration } from '@bazaar/persistence';
import type { CatalogDatabase } from '../schema.js';
import { seedProducts } from '../seed-products.js';

/** Seeds a fresh catalog once; recorded like any migration, so restarts never duplicate. */
export const seedInitialProducts: Migration = {
  async up(db: Kysely<unknown>) {
    await (db as Kysely<CatalogDatabase>).insertInto('products').values(seedProducts).onConflict((c) => c.column('id').doNothing()).execute();
  },
  async down(db: Kysely<unknown>) {
    await (db as Kysely<CatalogDatabase>)
      .deleteFrom('products')
      .where('id', 'in', seedProducts.map((p) => p.id))
      .execute();
  },
};
