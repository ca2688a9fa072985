import { createTestDatabase, type TestDatabase } from '@bazaar/testing';
import { openDatabase, sql, type Kysely, type Migration } from '@bazaar/persistence';
import { messagingMigrations, type AnyDatabase } from '../../src/index.js';

/** A business table the tests' effects and state changes write to. */
const testTables: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`create table aggregates (id text primary key, version integer not null default 0)`.execute(db);
    await sql`create table effects (id bigint generated always as identity primary key, event_id text not null, consumer text not null)`.execute(db);
  },
};

export const testMigrations: Record<string, Migration> = { ...messagingMigrations, '0001_test_tables': testTables };

export interface OpenedDatabase {
  database: AnyDatabase;
  /** PostgreSQL only: the connection URL (for a second instance or a LISTEN client). */
  url?: string;
}

/** Opens throwaway databases of one driver; `cleanup()` closes and drops them all. */
export interface DatabaseTarget {
  driver: 'postgres' | 'pglite';
  open(): Promise<OpenedDatabase>;
  /** Another `Database` on the same PostgreSQL database (a second service instance). */
  openAnother(url: string): Promise<AnyDatabase>;
  cleanup(): Promise<void>;
}

export function postgresTarget(): DatabaseTarget {
  const created: TestDatabase[] = [];
  const opened: AnyDatabase[] = [];
  const openAnother = async (url: string): Promise<AnyDatabase> => {
    const database = await openDatabase<unknown>({ service: 'messaging-test', databaseUrl: url, migrations: testMigrations });
    opened.push(database);
    return database;
  };
  return {
    driver: 'postgres',
    open: async () => {
      const testDatabase = await createTestDatabase({ prefix: 'messaging' });
      created.push(testDatabase);
      return { database: await openAnother(testDatabase.url), url: testDatabase.url };
    },
    openAnother,
    cleanup: async () => {
      await Promise.all(opened.map((database) => database.close()));
      await Promise.all(created.map((database) => database.drop()));
    },
  };
}

export function pgliteTarget(): DatabaseTarget {
  const opened: AnyDatabase[] = [];
  return {
    driver: 'pglite',
    open: async () => {
      const database = await openDatabase<unknown>({ service: 'messaging-test', dataDir: 'memory://', migrations: testMigrations });
      opened.push(database);
      return { database };
    },
    openAnother: () => Promise.reject(new Error('PGlite is a single in-process connection')),
    cleanup: async () => {
      await Promise.all(opened.map((database) => database.close()));
    },
  };
}

export const databaseTargets: Array<[string, () => DatabaseTarget]> = [
  ['PGlite', pgliteTarget],
  ['PostgreSQL', postgresTarget],
];

export async function countRows(database: AnyDatabase, table: 'messaging_outbox' | 'messaging_inbox' | 'effects'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(database.db);
  return rows[0]!.n;
}

/** Empties the messaging and test tables between tests sharing one database (opening PGlite takes seconds). */
export async function resetTables(database: AnyDatabase): Promise<void> {
  await sql`truncate messaging_outbox, messaging_inbox, aggregates, effects restart identity`.execute(database.db);
}
