import { sql, type Kysely, type Migration } from '@bazaar/persistence';

export const createProducts: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE products (
        id            text PRIMARY KEY CHECK (id ~ '^[A-Z0-9]{10}$'),
        name          text NOT NULL,
        description   text NOT NULL,
        categories    text[] NOT NULL DEFAULT '{}',
        price_minor   bigint NOT NULL CHECK (price_minor >= 0),
        currency_code char(3) NOT NULL,
        image_path    text NOT NULL,
        search_vector tsvector NOT NULL DEFAULT ''::tsvector
      )`.execute(db);
    // array_to_string is not IMMUTABLE, so the vector is kept by a trigger rather than a generated column.
    await sql`
      CREATE FUNCTION products_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
          setweight(to_tsvector('english', array_to_string(NEW.categories, ' ')), 'B') ||
          setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
        RETURN NEW;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER products_search_vector BEFORE INSERT OR UPDATE ON products
      FOR EACH ROW EXECUTE FUNCTION products_search_vector()`.execute(db);
    await sql`CREATE INDEX products_search_idx ON products USING gin (search_vector)`.execute(db);
    await sql`CREATE INDEX products_categories_idx ON products USING gin (categories)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE products`.execute(db);
    await sql`DROP FUNCTION products_search_vector`.execute(db);
  },
};
