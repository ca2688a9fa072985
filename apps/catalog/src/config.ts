import { envVars, serviceRuntimeVars, z } from '@bazaar/config';

export const catalogConfigSchema = z.object({
  ...serviceRuntimeVars,
  GRPC_PORT: envVars.port(50051),
  ADMIN_PORT: envVars.port(9101),
  DATABASE_URL: envVars.postgresUrl(),
  DATA_DIR: envVars.text('.data/catalog', 'directory for embedded PGlite data, or memory:// for none'),
  DB_POOL_SIZE: envVars.positiveInt(10, 'PostgreSQL pool size'),
  DB_STATEMENT_TIMEOUT_MS: envVars.durationMs(5_000, 'PostgreSQL statement timeout'),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
