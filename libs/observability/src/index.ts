export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export { NestLogger } from './nest-logger.js';
export { traceIds } from './trace-ids.js';
export { failSpan, inActiveSpan, nameHttpServerSpan } from './spans.js';
export { withTraceExemplars } from './exemplars.js';
export {
  metricsRegistry,
  rpcServerDuration,
  rpcClientDuration,
  httpServerDuration,
  renderMetrics,
  RPC_LATENCY_BUCKETS,
} from './metrics.js';
export { startAdminServer, type AdminServer, type AdminServerOptions } from './admin-server.js';
export { shutdownTelemetry } from './telemetry-handle.js';
export { loadTelemetryConfig, type TelemetryConfig } from './telemetry-config.js';
