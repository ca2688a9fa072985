import { money, type catalogV1 } from '@bazaar/contracts';
import type { ProductRow } from './product-repository.js';

export function toProductMessage(row: ProductRow): catalogV1.Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    categories: row.categories,
    price: money(row.currency_code.trim(), BigInt(row.price_minor)),
    imagePath: row.image_path,
  };
}
