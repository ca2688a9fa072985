import { sql, type Kysely, type Migration } from '@bazaar/persistence';

export const createPayments: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE payments (
        id               uuid PRIMARY KEY,
        order_id         text NOT NULL UNIQUE,
        user_id          text NOT NULL,
        status           text NOT NULL CHECK (status IN ('authorized', 'declined', 'no_answer', 'captured', 'voided', 'refunded')),
        amount_minor     bigint CHECK (amount_minor > 0),
        currency_code    char(3),
        decline_reason   text,
        card_fingerprint char(64),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE payments`.execute(db);
  },
};
