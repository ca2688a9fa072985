import { envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { messagingConfigSchema } from '@bazaar/messaging';

export const paymentsConfigSchema = z.object({
  ...serviceRuntimeVars,
  ...messagingConfigSchema,
  GRPC_PORT: envVars.port(50055),
  ADMIN_PORT: envVars.port(9105),
  DATABASE_URL: envVars.postgresUrl(),
  DATA_DIR: envVars.text('.data/payments', 'directory for embedded PGlite data, or memory:// for none'),
  DB_POOL_SIZE: envVars.positiveInt(10, 'PostgreSQL pool size'),
  DB_STATEMENT_TIMEOUT_MS: envVars.durationMs(5_000, 'PostgreSQL statement timeout'),
});

export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;
