import { access, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect, type DatabaseConnection } from 'kysely';
import { INT8_OID, parseInt8 } from './int8.js';
import { pgliteTemplate } from './pglite-template.js';
import { traceQueries } from './query-spans.js';

/** dataDir value for a throwaway in-memory database (tests). */
export const IN_MEMORY = 'memory://';

export function defaultDataDir(service: string): string {
  return resolve(process.cwd(), '.data', service, 'pglite');
}

/**
 * An embedded PGlite dialect. PGlite is one connection; kysely's PGlite adapter
 * reports that, so kysely queues every query and transaction behind a mutex.
 */
export function createPGliteDialect(dataDir: string, service: string): { dialect: PGliteDialect; instance: () => Promise<PGlite> } {
  let created: Promise<PGlite> | undefined;
  // One instance for kysely and for LISTEN (the outbox relay's wake-up).
  const instance = () => (created ??= openPGlite(dataDir));
  const onCreateConnection = async (connection: DatabaseConnection) => traceQueries(connection, service);
  return { dialect: new PGliteDialect({ pglite: instance, onCreateConnection }), instance };
}

async function openPGlite(dataDir: string): Promise<PGlite> {
  const parsers = { [INT8_OID]: parseInt8 };
  if (dataDir !== IN_MEMORY && (await isInitialised(dataDir))) return PGlite.create(dataDir, { parsers });
  if (dataDir !== IN_MEMORY) await mkdir(dataDir, { recursive: true });
  return PGlite.create(dataDir, { parsers, loadDataDir: await pgliteTemplate() });
}

async function isInitialised(dataDir: string): Promise<boolean> {
  return access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}
