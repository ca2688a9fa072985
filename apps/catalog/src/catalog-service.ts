import { catalogV1, contractProtos } from '@bazaar/contracts';
import { serveGrpc, type RunningGrpcService } from '@bazaar/grpc';
import type { Logger } from '@bazaar/observability';
import { openServiceDatabase } from '@bazaar/persistence';
import { CatalogModule } from './catalog.module.js';
import type { CatalogConfig } from './config.js';
import { catalogMigrations } from './db/migrations/index.js';
import type { CatalogDatabase } from './db/schema.js';

/** Opens the database (migrating and seeding it) and serves CatalogService. */
export async function startCatalogService(config: CatalogConfig, logger: Logger): Promise<RunningGrpcService> {
  const database = await openServiceDatabase<CatalogDatabase>('catalog', config, catalogMigrations, logger);
  try {
    return await serveGrpc(config, logger, {
      module: CatalogModule.withDatabase(database),
      services: [catalogV1.CatalogServiceService],
      protos: contractProtos,
    });
  } catch (error) {
    await database.close();
    throw error;
  }
}
