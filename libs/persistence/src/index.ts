export { openDatabase, DatabaseUnavailableError, type Database, type OpenDatabaseOptions } from './open-database.js';
export { openServiceDatabase, type ServiceDatabaseConfig } from './open-service-database.js';
export { MigrationError } from './migrate.js';
export { IN_MEMORY } from './pglite-dialect.js';
export type { ListenFn } from './listen.js';
export type { PersistenceLogger } from './logger.js';
export type { Migration } from 'kysely/migration';
export { sql, type Kysely, type Transaction, type Generated, type Selectable, type Insertable, type Updateable } from 'kysely';
