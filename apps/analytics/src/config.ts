import { databaseVars, envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { kafkaAuthRules, messagingConfigSchema } from '@bazaar/messaging';

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
  ANALYTICS_IDLE_PARTITION_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * HOUR_MS)
    .default(60_000)
    .describe('a partition nothing arrived on for this long stops holding window closing back (0 = never): 0 to 86400000 ms (default 60000)'),
  ANALYTICS_MAX_WATCHES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1_000)
    .describe('most WatchMetrics streams this instance serves at once; one more gets RESOURCE_EXHAUSTED: 1 to 100000 (default 1000)'),
  INBOX_RETENTION_MS: envVars.durationMs(8 * 24 * HOUR_MS, 'how long applied event ids are remembered for deduplication (longer than topic retention)'),
  HOUSEKEEPING_INTERVAL_MS: envVars.durationMs(HOUR_MS, 'how often old applied event ids are deleted'),
}).superRefine(kafkaAuthRules);

export type AnalyticsConfig = z.infer<typeof analyticsConfigSchema>;
