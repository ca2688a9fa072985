import { envVars, z } from '@bazaar/config';

export const gatewayConfigSchema = z.object({
  HOST: envVars.text('0.0.0.0', 'interface to bind'),
  HTTP_PORT: envVars.port(8080),
  LOG_LEVEL: envVars.logLevel(),
  CATALOG_ADDRESS: envVars.hostPort('localhost:50051', 'catalog gRPC address'),
  REQUEST_TIMEOUT_MS: envVars.durationMs(5_000, 'deadline of every HTTP request, inherited by the gRPC calls it makes'),
  UPSTREAM_TIMEOUT_MS: envVars.durationMs(3_000, 'deadline of a single gRPC call'),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0).describe('milliseconds to keep serving after readiness turns off (default 0; 5000 behind a load balancer)'),
  DRAIN_TIMEOUT_MS: envVars.durationMs(10_000, 'time in-flight requests get to finish on shutdown'),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
