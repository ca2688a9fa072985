import { sql, type Kysely, type Migration } from '@bazaar/persistence';

/** Events written in business transactions, waiting for the relay. `id` is the publication order. */
export const outboxMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`
      create table messaging_outbox (
        id bigint generated always as identity primary key,
        event_id uuid not null unique,
        topic text not null,
        key text not null,
        type text not null,
        payload bytea not null,
        trace_context jsonb not null default '{}'::jsonb,
        producer text not null,
        occurred_at timestamptz not null,
        created_at timestamptz not null default now(),
        published_at timestamptz,
        attempts integer not null default 0,
        last_error text
      )`.execute(db);
    // The relay only ever scans unpublished rows in id order; published ones stay small in this index.
    await sql`create index messaging_outbox_unpublished on messaging_outbox (id) where published_at is null`.execute(db);
    await sql`create index messaging_outbox_published_at on messaging_outbox (published_at) where published_at is not null`.execute(db);
  },
  down: async (db: Kysely<unknown>) => {
    await sql`drop table messaging_outbox`.execute(db);
  },
};

/** Ids of events a consumer group has applied, written in the same transaction as the effect. */
export const inboxMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`
      create table messaging_inbox (
        consumer_group text not null,
        event_id text not null,
        processed_at timestamptz not null default now(),
        primary key (consumer_group, event_id)
      )`.execute(db);
    await sql`create index messaging_inbox_processed_at on messaging_inbox (processed_at)`.execute(db);
  },
  down: async (db: Kysely<unknown>) => {
    await sql`drop table messaging_inbox`.execute(db);
  },
};

/**
 * Spread into a service's migrations: `{ ...messagingMigrations, '0001_create_orders': … }`.
 * The `0000_` names sort before the service's own. A service that already has applied migrations must
 * instead add `outboxMigration` / `inboxMigration` under names sorting after its last one: kysely refuses
 * a new migration named before one already applied.
 */
export const messagingMigrations: Record<string, Migration> = {
  '0000_messaging_inbox': inboxMigration,
  '0000_messaging_outbox': outboxMigration,
};

/** Only the outbox (a service that produces but does not consume). */
export const outboxMigrations: Record<string, Migration> = { '0000_messaging_outbox': outboxMigration };

/** Only the inbox (a service that consumes but does not produce). */
export const inboxMigrations: Record<string, Migration> = { '0000_messaging_inbox': inboxMigration };
