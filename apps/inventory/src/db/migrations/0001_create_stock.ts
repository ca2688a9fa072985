import { sql, type Kysely, type Migration } from '@bazaar/persistence';

export const createStock: Migration = {
  async up(db: Kysely<unknown>) {
    // The checks make overselling impossible even if application logic were wrong.
    await sql`
      CREATE TABLE stock (
        product_id text PRIMARY KEY CHECK (product_id ~ '^[A-Z0-9]{10}$'),
        on_hand    integer NOT NULL CHECK (on_hand >= 0),
        reserved   integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        CHECK (reserved <= on_hand)
      )`.execute(db);
    await sql`
      CREATE TABLE reservations (
        id             uuid PRIMARY KEY,
        order_id       text NOT NULL UNIQUE,
        status         text NOT NULL CHECK (status IN ('held', 'rejected', 'released')),
        expires_at     timestamptz,
        reject_reason  text,
        unavailable    jsonb,
        release_reason text,
        created_at     timestamptz NOT NULL,
        released_at    timestamptz,
        CHECK (status <> 'held' OR expires_at IS NOT NULL)
      )`.execute(db);
    await sql`CREATE INDEX reservations_held_expiry ON reservations (expires_at) WHERE status = 'held'`.execute(db);
    await sql`
      CREATE TABLE reservation_lines (
        reservation_id uuid NOT NULL REFERENCES reservations (id),
        product_id     text NOT NULL REFERENCES stock (product_id),
        quantity       integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (reservation_id, product_id)
      )`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE reservation_lines`.execute(db);
    await sql`DROP TABLE reservations`.execute(db);
    await sql`DROP TABLE stock`.execute(db);
  },
};
