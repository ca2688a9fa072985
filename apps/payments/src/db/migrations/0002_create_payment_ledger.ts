import { sql, type Kysely, type Migration } from '@bazaar/persistence';

export const createPaymentLedger: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE payment_ledger (
        id            bigserial PRIMARY KEY,
        payment_id    uuid NOT NULL REFERENCES payments (id),
        order_id      text NOT NULL,
        entry_type    text NOT NULL CHECK (entry_type IN ('authorize', 'capture', 'void', 'refund')),
        amount_minor  bigint NOT NULL CHECK (amount_minor > 0),
        currency_code char(3) NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX payment_ledger_payment_idx ON payment_ledger (payment_id, id)`.execute(db);
    // Append-only even for the service's own role: corrections are new entries, never edits.
    await sql`
      CREATE FUNCTION payment_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'payment_ledger is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER payment_ledger_no_update_delete BEFORE UPDATE OR DELETE ON payment_ledger
      FOR EACH ROW EXECUTE FUNCTION payment_ledger_append_only()`.execute(db);
    await sql`
      CREATE TRIGGER payment_ledger_no_truncate BEFORE TRUNCATE ON payment_ledger
      FOR EACH STATEMENT EXECUTE FUNCTION payment_ledger_append_only()`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE payment_ledger`.execute(db);
    await sql`DROP FUNCTION payment_ledger_append_only`.execute(db);
  },
};
