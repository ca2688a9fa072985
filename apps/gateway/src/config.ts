import { envVars, serviceRuntimeVars, z } from '@bazaar/config';

export const gatewayConfigSchema = z.object({
  ...serviceRuntimeVars,
  HTTP_PORT: envVars.port(8080),
  CATALOG_ADDRESS: envVars.hostPort('localhost:50051', 'catalog gRPC address'),
  REQUEST_TIMEOUT_MS: envVars.durationMs(5_000, 'deadline of every HTTP request, inherited by the gRPC calls it makes'),
  UPSTREAM_TIMEOUT_MS: envVars.durationMs(3_000, 'deadline of a single gRPC call'),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
