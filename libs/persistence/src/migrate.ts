import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import type { PersistenceLogger } from './logger.js';

/** A migration failed (or the migration run itself failed); startup must stop. */
export class MigrationError extends Error {
  constructor(
    readonly service: string,
    readonly migrationName: string | undefined,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const what = migrationName ? `migration "${migrationName}"` : 'migrations';
    super(`${service}: ${what} failed: ${reason}`, { cause });
    this.name = 'MigrationError';
  }
}

/**
 * Applies pending migrations in name order and records them in kysely_migration.
 * On PostgreSQL the migrator holds an advisory lock, so concurrent starts apply each migration once.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  service: string,
  migrations: Record<string, Migration>,
  logger: PersistenceLogger,
): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    // The whole run is one transaction on PostgreSQL and PGlite, so nothing before the failure stays applied either.
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new MigrationError(service, failed, error);
  }
  for (const result of results) {
    logger.info({ service, migration: result.migrationName }, 'migration applied');
  }
}
