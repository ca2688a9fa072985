import { databaseVars, envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { kafkaAuthRules, messagingConfigSchema } from '@bazaar/messaging';

export const ordersConfigSchema = z.object({
  ...serviceRuntimeVars,
  ...messagingConfigSchema,
  GRPC_PORT: envVars.port(50053),
  ADMIN_PORT: envVars.port(9103),
  ...databaseVars('orders'),
  CATALOG_ADDRESS: envVars.hostPort('localhost:50051', 'catalog gRPC address (unit prices)'),
  CATALOG_TIMEOUT_MS: envVars.durationMs(3_000, 'deadline of a catalog GetProduct call'),
  STEP_TIMEOUT_MS: envVars.durationMs(30_000, 'how long a saga step waits for its reply before compensating'),
  SWEEP_INTERVAL_MS: envVars.durationMs(1_000, 'how often overdue saga steps are looked for'),
  OUTBOX_RETENTION_MS: envVars.durationMs(300_000, 'how long published outbox rows are kept (AuthorizePayment rows hold a card token)'),
  INBOX_RETENTION_MS: envVars.durationMs(8 * 24 * 3_600_000, 'how long consumed event ids are remembered (longer than topic retention)'),
  HOUSEKEEPING_INTERVAL_MS: envVars.durationMs(60_000, 'how often published outbox rows and old inbox ids are deleted'),
  KAFKA_CONSUMER_GROUP: envVars.text('orders', 'consumer group of the saga replies (inventory, payments, shipping events)'),
}).superRefine(kafkaAuthRules);

export type OrdersConfig = z.infer<typeof ordersConfigSchema>;
