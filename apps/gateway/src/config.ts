import { envVars, serviceRuntimeVars, z } from '@bazaar/config';
import { kafkaAuthRules, messagingConfigSchema } from '@bazaar/messaging';

/** RFC 6749 §3.3 scope-token (bounded). */
export const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]{1,128}$/;

export const gatewayConfigSchema = z.object({
  ...serviceRuntimeVars,
  HTTP_PORT: envVars.port(8080),
  CATALOG_ADDRESS: envVars.hostPort('localhost:50051', 'catalog gRPC address'),
  CART_ADDRESS: envVars.hostPort('localhost:50052', 'cart gRPC address'),
  ORDERS_ADDRESS: envVars.hostPort('localhost:50053', 'orders gRPC address'),
  SHIPPING_ADDRESS: envVars.hostPort('localhost:50056', 'shipping gRPC address'),
  ANALYTICS_ADDRESS: envVars.hostPort('localhost:50057', 'analytics gRPC address'),
  REQUEST_TIMEOUT_MS: envVars.durationMs(5_000, 'deadline of every HTTP request, inherited by the gRPC calls it makes'),
  UPSTREAM_TIMEOUT_MS: envVars.durationMs(3_000, 'deadline of a single gRPC call'),
  AUTH_JWKS_URL: envVars.optionalUrl('JWKS of the token issuer (e.g. Cognito); unset = embedded mode with a local key pair'),
  AUTH_ISSUER: envVars.text('bazaar-local', 'required "iss" claim of bearer tokens'),
  AUTH_AUDIENCE: envVars.text('bazaar', 'required "aud" claim of bearer tokens'),
  AUTH_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30).describe('seconds of clock skew tolerated on exp/nbf/iat (default 30)'),
  AUTH_DATA_DIR: envVars.text('.data/gateway', 'where embedded mode keeps its key pair (under jwks/)'),
  AUTH_LOCAL_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('embedded mode: a PEM EC P-256 private key to sign and verify dev tokens with, read-only (the charts mount one from a Secret); unset = a key pair generated under AUTH_DATA_DIR'),
  AUTH_ANALYTICS_SCOPE: z
    .string()
    .regex(SCOPE_TOKEN, 'one OAuth 2.0 scope: printable ASCII without spaces, quotes or backslashes')
    .default('analytics:read')
    .describe('OAuth 2.0 scope a token needs for /api/analytics, e.g. a Cognito resource-server scope "bazaar-api/analytics.read" (default analytics:read)'),
  RATE_LIMIT_PER_MINUTE: envVars.positiveInt(60, 'mutating requests per user (or IP when anonymous) per minute'),
  ANALYTICS_STREAM_HEARTBEAT_MS: envVars.durationMs(15_000, 'interval of SSE heartbeat comments on /api/analytics/stream'),
  ANALYTICS_MAX_STREAMS: envVars.positiveInt(1_000, 'live /api/analytics/stream connections per gateway process; more get a 503'),
  // Kafka is optional for the gateway: without brokers the clickstream is off and everything else works.
  ...messagingConfigSchema,
  KAFKA_BROKERS: messagingConfigSchema.KAFKA_BROKERS.optional(),
  CLICKSTREAM_ENABLED: envVars.flag(true, 'publish clickstream events when KAFKA_BROKERS is set'),
  CLICKSTREAM_BUFFER_SIZE: envVars.positiveInt(10_000, 'clickstream events held in memory while Kafka is slow; more are dropped and counted'),
  CLICKSTREAM_BATCH_SIZE: envVars.positiveInt(500, 'clickstream events per Kafka request'),
  CLICKSTREAM_FLUSH_INTERVAL_MS: envVars.durationMs(200, 'longest a clickstream event waits in the buffer before it is sent'),
  CLICKSTREAM_SHUTDOWN_FLUSH_MS: envVars.durationMs(3_000, 'time the buffered clickstream gets on shutdown before the rest is dropped'),
}).superRefine(kafkaAuthRules);

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
