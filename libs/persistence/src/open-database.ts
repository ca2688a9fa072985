import { Kysely, sql, type Dialect } from 'kysely';
import type { Migration } from 'kysely/migration';
import { silentLogger, type PersistenceLogger } from './logger.js';
import { migrateToLatest } from './migrate.js';
import { pgliteListen, postgresListen, type ListenFn } from './listen.js';
import { createPGliteDialect, defaultDataDir } from './pglite-dialect.js';
import { createPostgresDialect, describeDatabaseUrl } from './postgres-dialect.js';

export interface OpenDatabaseOptions {
  /** Service name: PostgreSQL application_name and the default PGlite folder. */
  service: string;
  /** postgres:// URL → PostgreSQL; unset → embedded PGlite. */
  databaseUrl?: string;
  /** PGlite folder (default `.data/<service>/pglite` under cwd); `memory://` for an in-memory database. */
  dataDir?: string;
  /** Applied at open in name order, e.g. `0001_create_products`. */
  migrations: Record<string, Migration>;
  logger?: PersistenceLogger;
  /** PostgreSQL only (default 10). */
  poolSize?: number;
  /** PostgreSQL only (default 30 000 ms). */
  statementTimeoutMs?: number;
}

export interface Database<DB> {
  db: Kysely<DB>;
  driver: 'postgres' | 'pglite';
  /** Ends the pool / closes PGlite; safe to call twice. */
  close(): Promise<void>;
  /** Resolves when the database answers a trivial query (readiness checks). */
  ping(): Promise<void>;
  /** LISTEN on a channel (e.g. to wake an outbox relay on commit); resolves to the unsubscribe function. */
  listen: ListenFn;
}

/** Thrown when the database cannot be reached at open. Never includes credentials. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, cause: unknown) {
    super(`${message}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** Connects (PostgreSQL or PGlite), checks the connection, and applies pending migrations. */
export async function openDatabase<DB>(options: OpenDatabaseOptions): Promise<Database<DB>> {
  const logger = options.logger ?? silentLogger;
  const driver = options.databaseUrl ? 'postgres' : 'pglite';
  const dataDir = options.dataDir ?? defaultDataDir(options.service);
  const location = options.databaseUrl ? `PostgreSQL at ${describeDatabaseUrl(options.databaseUrl)}` : `PGlite at ${dataDir}`;
  const { dialect, listen } = backend(options, dataDir, logger);
  const db = new Kysely<DB>({ dialect });
  let closing: Promise<void> | undefined;
  const database: Database<DB> = {
    db,
    driver,
    close: () => (closing ??= db.destroy()),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    listen,
  };

  try {
    await database.ping();
  } catch (error) {
    await database.close().catch(() => undefined);
    throw new DatabaseUnavailableError(`${options.service}: cannot open ${location}`, error);
  }
  try {
    await migrateToLatest(db as Kysely<unknown>, options.service, options.migrations, logger);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  logger.info({ service: options.service, driver, database: location }, 'database ready');
  return database;
}

/** The driver-specific parts: a kysely dialect, and how to LISTEN. */
function backend(options: OpenDatabaseOptions, dataDir: string, logger: PersistenceLogger): { dialect: Dialect; listen: ListenFn } {
  const { databaseUrl, service } = options;
  if (!databaseUrl) {
    const pglite = createPGliteDialect(dataDir, service);
    return { dialect: pglite.dialect, listen: pgliteListen(pglite.instance) };
  }
  return {
    dialect: createPostgresDialect({
      service,
      databaseUrl,
      poolSize: options.poolSize ?? 10,
      statementTimeoutMs: options.statementTimeoutMs ?? 30_000,
      logger,
    }),
    listen: postgresListen({ databaseUrl, service, logger }),
  };
}
