import { sql, type Kysely, type Migration } from '@bazaar/persistence';

/** A reservation becomes `committed` when its order is confirmed: the units leave the shelf for good. */
export const committedReservations: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE reservations DROP CONSTRAINT reservations_status_check`.execute(db);
    await sql`
      ALTER TABLE reservations ADD CONSTRAINT reservations_status_check
      CHECK (status IN ('held', 'rejected', 'released', 'committed'))`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`ALTER TABLE reservations DROP CONSTRAINT reservations_status_check`.execute(db);
    await sql`ALTER TABLE reservations ADD CONSTRAINT reservations_status_check CHECK (status IN ('held', 'rejected', 'released'))`.execute(db);
  },
};
