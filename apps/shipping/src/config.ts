import { databaseVars, envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { kafkaAuthRules, messagingConfigSchema } from '@bazaar/messaging';

export const shippingConfigSchema = z.object({
  ...serviceRuntimeVars,
  ...messagingConfigSchema,
  GRPC_PORT: envVars.port(50056),
  ADMIN_PORT: envVars.port(9106),
  ...databaseVars('shipping'),
}).superRefine(kafkaAuthRules);

export type ShippingConfig = z.infer<typeof shippingConfigSchema>;
