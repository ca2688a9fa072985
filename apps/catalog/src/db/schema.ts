import type { Generated } from '@bazaar/persistence';

export interface ProductsTable {
  id: string;
  name: string;
  description: string;
  categories: string[];
  /** Price in minor units (cents) of `currency_code`; never a float. */
  price_minor: string | number | bigint;
  currency_code: string;
  image_path: string;
  /** Maintained by a trigger from name, categories and description. */
  search_vector: Generated<string>;
}

export interface CatalogDatabase {
  products: ProductsTable;
}
