import { databaseVars, envVars, serviceRuntimeVars, z } from '@bazaar/config';

export const catalogConfigSchema = z.object({
  ...serviceRuntimeVars,
  GRPC_PORT: envVars.port(50051),
  ADMIN_PORT: envVars.port(9101),
  ...databaseVars('catalog'),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
