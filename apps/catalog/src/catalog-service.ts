import { catalogV1, contractProtos } from '@bazaar/contracts';
import { startGrpcService, type RunningGrpcService } from '@bazaar/grpc';
import type { Logger } from '@bazaar/observability';
import { openDatabase } from '@bazaar/persistence';
import { CatalogModule } from './catalog.module.js';
import type { CatalogConfig } from './config.js';
import { catalogMigrations } from './db/migrations/index.js';
import type { CatalogDatabase } from './db/schema.js';

/** Opens the database (migrating and seeding it) and serves CatalogService. */
export async function startCatalogService(config: CatalogConfig, logger: Logger): Promise<RunningGrpcService> {
  const database = await openDatabase<CatalogDatabase>({
    service: 'catalog',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    migrations: catalogMigrations,
    poolSize: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    logger,
  });
  logger.info({ driver: database.driver }, 'catalog database ready');
  try {
    return await startGrpcService({
      module: CatalogModule.withDatabase(database),
      services: [catalogV1.CatalogServiceService],
      protos: contractProtos,
      host: config.HOST,
      grpcPort: config.GRPC_PORT,
      adminPort: config.ADMIN_PORT,
      logger,
      shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
      drainTimeoutMs: config.DRAIN_TIMEOUT_MS,
    });
  } catch (error) {
    await database.close();
    throw error;
  }
}
