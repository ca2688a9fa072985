import { sql, type Kysely, type Migration } from '@bazaar/persistence';

export const createShipments: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE shipments (
        id             uuid PRIMARY KEY,
        order_id       text NOT NULL UNIQUE,
        user_id        text NOT NULL,
        tracking_id    text NOT NULL UNIQUE CHECK (tracking_id ~ '^BZ[A-Z2-7]{12}$'),
        carrier        text NOT NULL,
        recipient_name text NOT NULL,
        street         text NOT NULL,
        city           text NOT NULL,
        postal_code    text NOT NULL,
        country_code   char(2) NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE shipments`.execute(db);
  },
};
