import { databaseVars, envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { kafkaAuthRules, messagingConfigSchema } from '@bazaar/messaging';

export const inventoryConfigSchema = z.object({
  ...serviceRuntimeVars,
  ...messagingConfigSchema,
  GRPC_PORT: envVars.port(50054),
  ADMIN_PORT: envVars.port(9104),
  ...databaseVars('inventory'),
  RESERVATION_TTL_MS: envVars.durationMs(15 * 60_000, 'how long a reservation holds stock before the sweeper releases it'),
  KAFKA_CONSUMER_GROUP: envVars.text('inventory', 'consumer group (and inbox name) for inventory.commands.v1'),
  SWEEP_INTERVAL_MS: envVars.durationMs(30_000, 'how often expired reservations are looked for'),
}).superRefine(kafkaAuthRules);

export type InventoryConfig = z.infer<typeof inventoryConfigSchema>;
