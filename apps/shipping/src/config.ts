import { databaseVars, envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { messagingConfigSchema } from '@bazaar/messaging';

export const shippingConfigSchema = z.object({
  ...serviceRuntimeVars,
  ...messagingConfigSchema,
  GRPC_PORT: envVars.port(50056),
  ADMIN_PORT: envVars.port(9106),
  ...databaseVars('shipping'),
});

export type ShippingConfig = z.infer<typeof shippingConfigSchema>;
