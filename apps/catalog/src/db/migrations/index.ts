import type { Migration } from '@bazaar/persistence';
import { createProducts } from './0001_create_products.js';
import { seedInitialProducts } from './0002_seed_products.js';

export const catalogMigrations: Record<string, Migration> = {
  '0001_create_products': createProducts,
  '0002_seed_products': seedInitialProducts,
};
