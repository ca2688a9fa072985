import { sql, type Kysely, type Migration } from '@bazaar/persistence';

/** The W3C trace context of the checkout that placed the order: a step timeout continues that trace. */
export const orderTraceContext: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE orders ADD COLUMN trace_context jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`ALTER TABLE orders DROP COLUMN trace_context`.execute(db);
  },
};
