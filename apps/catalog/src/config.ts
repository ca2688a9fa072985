import { envVars, z } from '@bazaar/config';

export const catalogConfigSchema = z.object({
  HOST: envVars.text('0.0.0.0', 'interface to bind'),
  GRPC_PORT: envVars.port(50051),
  ADMIN_PORT: envVars.port(9101),
  LOG_LEVEL: envVars.logLevel(),
  DATABASE_URL: envVars.postgresUrl(),
  DATA_DIR: envVars.text('.data/catalog', 'directory for embedded PGlite data, or memory:// for none'),
  DB_POOL_SIZE: envVars.positiveInt(10, 'PostgreSQL pool size'),
  DB_STATEMENT_TIMEOUT_MS: envVars.durationMs(5_000, 'PostgreSQL statement timeout'),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0).describe('milliseconds to keep serving after readiness turns off (default 0; 5000 behind a load balancer)'),
  DRAIN_TIMEOUT_MS: envVars.durationMs(10_000, 'time in-flight calls get to finish on shutdown'),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
