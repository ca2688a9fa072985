import type { Database, Generated, Kysely, Transaction } from '@bazaar/persistence';

/** Row shapes of the messaging tables (kysely typing for this library's own queries). */
export interface OutboxTable {
  id: Generated<number>;
  event_id: string;
  topic: string;
  key: string;
  type: string;
  payload: Uint8Array;
  trace_context: Record<string, string>;
  producer: string;
  occurred_at: Date;
  created_at: Generated<Date>;
  published_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface InboxTable {
  consumer_group: string;
  event_id: string;
  processed_at: Generated<Date>;
}

export interface MessagingTables {
  messaging_outbox: OutboxTable;
  messaging_inbox: InboxTable;
}

/** The LISTEN/NOTIFY channel an enqueue signals on commit. */
export const OUTBOX_CHANNEL = 'messaging_outbox';

/* eslint-disable @typescript-eslint/no-explicit-any -- services pass their own schema; this library only touches its own tables */
/** A service's database, whatever its schema. */
export type AnyDatabase = Database<any>;
export type AnyKysely = Kysely<any>;
/** A transaction on a service's database, whatever its schema. */
export type AnyTransaction = Transaction<any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The kysely instance behind a `Database` (or the instance itself). */
export function kyselyOf<DB>(database: AnyDatabase | AnyKysely): Kysely<DB> {
  return (isKysely(database) ? database : database.db) as Kysely<DB>;
}

function isKysely(value: AnyDatabase | AnyKysely): value is AnyKysely {
  return typeof (value as AnyKysely).transaction === 'function';
}
