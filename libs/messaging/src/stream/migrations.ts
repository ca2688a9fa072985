import { sql, type Kysely, type Migration } from '@bazaar/persistence';

/**
 * Where a transactional stream consumer is on each partition: the next offset to apply and the
 * partition's stream time (the latest event time it has seen), written in the transaction that
 * applies the records, so the database alone says what has been applied.
 */
export const streamOffsetsMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`
      create table messaging_stream_offsets (
        consumer    text not null,
        topic       text not null,
        partition   integer not null,
        next_offset bigint not null,
        stream_time timestamptz,
        updated_at  timestamptz not null default now(),
        primary key (consumer, topic, partition)
      )`.execute(db);
  },
  down: async (db: Kysely<unknown>) => {
    await sql`drop table messaging_stream_offsets`.execute(db);
  },
};

/** Spread into a service's migrations (sorts before the service's own `0001_…`). */
export const streamOffsetsMigrations: Record<string, Migration> = { '0000_messaging_stream_offsets': streamOffsetsMigration };
