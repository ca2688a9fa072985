import { databaseVars, envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { kafkaAuthRules, messagingConfigSchema } from '@bazaar/messaging';

export const paymentsConfigSchema = z.object({
  ...serviceRuntimeVars,
  ...messagingConfigSchema,
  GRPC_PORT: envVars.port(50055),
  ADMIN_PORT: envVars.port(9105),
  ...databaseVars('payments'),
}).superRefine(kafkaAuthRules);

export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;
