import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely, type Selectable } from '@bazaar/persistence';
import type { CatalogDatabase, ProductsTable } from '../db/schema.js';

export const CATALOG_DB = Symbol('CATALOG_DB');

export type ProductRow = Omit<Selectable<ProductsTable>, 'search_vector'>;

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

const PRODUCT_COLUMNS = ['id', 'name', 'description', 'categories', 'price_minor', 'currency_code', 'image_path'] as const;

/** Products in Postgres/PGlite; one page is fetched with one extra row to know whether more follow. */
@Injectable()
export class ProductRepository {
  constructor(@Inject(CATALOG_DB) private readonly db: Kysely<CatalogDatabase>) {}

  async listAfter(afterId: string | undefined, pageSize: number, category: string): Promise<Page<ProductRow>> {
    let query = this.db.selectFrom('products').select(PRODUCT_COLUMNS).orderBy('id').limit(pageSize + 1);
    if (afterId) query = query.where('id', '>', afterId);
    if (category) query = query.where(sql<boolean>`categories @> ARRAY[${category}]::text[]`);
    return toPage(await query.execute(), pageSize);
  }

  async findById(id: string): Promise<ProductRow | undefined> {
    return this.db.selectFrom('products').select(PRODUCT_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** Full-text search, best match first (ties by id, so pages are stable). */
  async search(tsQuery: string, offset: number, pageSize: number): Promise<Page<ProductRow>> {
    const query = sql`to_tsquery('english', ${tsQuery})`;
    const rows = await this.db
      .selectFrom('products')
      .select(PRODUCT_COLUMNS)
      .where(sql<boolean>`search_vector @@ ${query}`)
      .orderBy(sql`ts_rank(search_vector, ${query})`, 'desc')
      .orderBy('id')
      .offset(offset)
      .limit(pageSize + 1)
      .execute();
    return toPage(rows, pageSize);
  }
}

function toPage<T>(rows: T[], pageSize: number): Page<T> {
  return { items: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}
