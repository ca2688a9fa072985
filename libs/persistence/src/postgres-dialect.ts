import { PostgresDialect } from 'kysely';
import pg from 'pg';
import { INT8_OID, parseInt8 } from './int8.js';
import type { PersistenceLogger } from './logger.js';

export interface PostgresDialectOptions {
  service: string;
  databaseUrl: string;
  poolSize: number;
  statementTimeoutMs: number;
  logger: PersistenceLogger;
}

const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pg Pool-backed dialect; the pool's own type parsers keep pg's global defaults untouched. */
export function createPostgresDialect(options: PostgresDialectOptions): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    application_name: options.service,
    statement_timeout: options.statementTimeoutMs,
    max: options.poolSize,
    types: typeParsers,
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would crash the process.
  pool.on('error', (error) => {
    options.logger.error({ service: options.service, err: { message: error.message } }, 'idle PostgreSQL connection failed');
  });
  // A checked-out client emits 'error' itself when the server ends its session between queries (restart,
  // idle-in-transaction timeout); its next query fails and the pool drops it, so only log it here.
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      options.logger.error({ service: options.service, err: { message: error.message } }, 'PostgreSQL connection in use failed');
    });
  });
  return new PostgresDialect({ pool });
}

/** host:port/database of a connection URL, without credentials, for error messages and logs. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
