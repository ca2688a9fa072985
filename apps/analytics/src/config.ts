import { databaseVars, envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { messagingConfigSchema } from '@bazaar/messaging';

const HOUR_MS = 3_600_000;

export const analyticsConfigSchema = z.object({
  ...serviceRuntimeVars,
  ...messagingConfigSchema,
  GRPC_PORT: envVars.port(50057),
  ADMIN_PORT: envVars.port(9107),
  ...databaseVars('analytics'),
  ANALYTICS_ALLOWED_LATENESS_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(HOUR_MS)
    .default(60_000)
    .describe('how far behind its partition’s latest event time an event may be and still be folded into its window: 0 to 3600000 ms (default 60000)'),
});

export type AnalyticsConfig = z.infer<typeof analyticsConfigSchema>;
