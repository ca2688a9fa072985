import { sql, type Kysely, type Migration } from '@bazaar/persistence';

/** A shipment whose order was cancelled after it was created is withdrawn, not deleted: the record stays. */
export const cancelledShipments: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE shipments ADD COLUMN cancelled_at timestamptz, ADD COLUMN cancel_reason text`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`ALTER TABLE shipments DROP COLUMN cancelled_at, DROP COLUMN cancel_reason`.execute(db);
  },
};
