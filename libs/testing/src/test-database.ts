import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection URL of the new database (same credentials as the admin URL). */
  url: string;
  name: string;
  /** Drops the database, ending any connections still open to it. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** URL of a database to run CREATE/DROP DATABASE from. */
  adminUrl?: string;
  /** Start of the database name (letters, digits, underscore; default "test"). */
  prefix?: string;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'bazaar-testing' });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates a uniquely named, empty PostgreSQL database for one test suite. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? process.env['TEST_DATABASE_ADMIN_URL'] ?? DEFAULT_ADMIN_URL;
  const prefix = options.prefix ?? 'test';
  if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix)) {
    throw new Error(`test database prefix must be lower-case letters, digits or _ (max 31 chars), got "${prefix}"`);
  }
  // Identifiers are generated from a checked prefix + hex, so quoting them is enough.
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await runAdmin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    name,
    drop: () => (dropped ??= runAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}
