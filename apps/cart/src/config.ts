import { envVars, serviceRuntimeVars, z } from '@bazaar/config';

const SEVEN_DAYS_SECONDS = 7 * 24 * 60 * 60;

export const cartConfigSchema = z.object({
  ...serviceRuntimeVars,
  GRPC_PORT: envVars.port(50052),
  ADMIN_PORT: envVars.port(9102),
  CATALOG_ADDRESS: envVars.hostPort('localhost:50051', 'catalog gRPC address'),
  CATALOG_TIMEOUT_MS: envVars.durationMs(2_000, 'deadline of a single catalog call'),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .optional()
    .describe('a redis:// or rediss:// (TLS, e.g. ElastiCache) connection URL, or unset for an in-process store'),
  REDIS_KEY_PREFIX: envVars.text('bazaar:cart:', 'prefix of every cart key in Redis'),
  CART_TTL_SECONDS: envVars.positiveInt(SEVEN_DAYS_SECONDS, 'seconds an untouched cart lives; every write restarts it'),
});

export type CartConfig = z.infer<typeof cartConfigSchema>;
