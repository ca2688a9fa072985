import { envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { messagingConfigSchema } from '@bazaar/messaging';

export const shippingConfigSchema = z.object({
  ...serviceRuntimeVars,
  ...messagingConfigSchema,
  GRPC_PORT: envVars.port(50056),
  ADMIN_PORT: envVars.port(9106),
  DATABASE_URL: envVars.postgresUrl(),
  DATA_DIR: envVars.text('.data/shipping', 'directory for embedded PGlite data, or memory:// for none'),
  DB_POOL_SIZE: envVars.positiveInt(10, 'PostgreSQL pool size'),
  DB_STATEMENT_TIMEOUT_MS: envVars.durationMs(5_000, 'PostgreSQL statement timeout'),
});

export type ShippingConfig = z.infer<typeof shippingConfigSchema>;
