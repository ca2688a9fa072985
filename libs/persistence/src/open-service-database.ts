import type { Migration } from 'kysely/migration';
import type { PersistenceLogger } from './logger.js';
import { openDatabase, type Database } from './open-database.js';

/** The database settings every service reads (config's `databaseVars`). */
export interface ServiceDatabaseConfig {
  DATABASE_URL?: string;
  DATA_DIR: string;
  DB_POOL_SIZE: number;
  DB_STATEMENT_TIMEOUT_MS: number;
}

/** A service's own database from its validated config: connected, migrated, logged. */
export async function openServiceDatabase<DB>(
  service: string,
  config: ServiceDatabaseConfig,
  migrations: Record<string, Migration>,
  logger: PersistenceLogger,
): Promise<Database<DB>> {
  const database = await openDatabase<DB>({
    service,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    migrations,
    poolSize: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    logger,
  });
  logger.info({ service, driver: database.driver }, `${service} database ready`);
  return database;
}
