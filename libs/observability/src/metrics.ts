import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Latency buckets (seconds) spanning fast cache hits (5 ms) to slow fan-out calls (10 s). */
export const RPC_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The process's single Prometheus registry, with Node runtime metrics (event-loop lag, heap, GC). */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

// Labels stay low-cardinality on purpose: no peer address, no ids, no raw URLs.
export const rpcServerDuration = new Histogram({
  name: 'rpc_server_duration_seconds',
  help: 'Duration of gRPC calls handled by this service, by service, method and status code.',
  labelNames: ['rpc_service', 'rpc_method', 'rpc_grpc_status_code'] as const,
  buckets: RPC_LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const rpcClientDuration = new Histogram({
  name: 'rpc_client_duration_seconds',
  help: 'Duration of gRPC calls made by this service, by target service, method and status code.',
  labelNames: ['rpc_service', 'rpc_method', 'rpc_grpc_status_code'] as const,
  buckets: RPC_LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const httpServerDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Duration of HTTP requests handled by this service; http_route is the route template, never the raw URL.',
  labelNames: ['http_request_method', 'http_route', 'http_response_status_code'] as const,
  buckets: RPC_LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** The registry in Prometheus text exposition format. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
