import { sql, type Kysely, type Migration } from '@bazaar/persistence';

export const createOrders: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE orders (
        id               text PRIMARY KEY,
        user_id          text NOT NULL,
        idempotency_key  text NOT NULL,
        status           text NOT NULL,
        lines            jsonb NOT NULL,
        currency_code    char(3) NOT NULL,
        total_minor      bigint NOT NULL CHECK (total_minor >= 0),
        shipping_address jsonb NOT NULL,
        card_token       text,
        step             text,
        step_deadline    timestamptz,
        cancel_reason    text NOT NULL DEFAULT '',
        tracking_id      text NOT NULL DEFAULT '',
        payment_id       text NOT NULL DEFAULT '',
        timeline         jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_idempotency UNIQUE (user_id, idempotency_key)
      )`.execute(db);
    await sql`CREATE INDEX orders_by_user ON orders (user_id, created_at DESC, id DESC)`.execute(db);
    await sql`CREATE INDEX orders_overdue ON orders (step_deadline) WHERE step_deadline IS NOT NULL`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE orders`.execute(db);
  },
};
