import { Histogram, Registry, collectDefaultMetrics, type OpenMetricsContentType } from 'prom-client';
import { withTraceExemplars } from './exemplars.js';

/** Latency buckets (seconds) spanning fast cache hits (5 ms) to slow fan-out calls (10 s). */
export const RPC_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's single registry, with Node runtime metrics (event-loop lag, heap, GC). It speaks
 * OpenMetrics, the only text format that carries exemplars; Prometheus and the collector's
 * prometheus receiver negotiate it. (prom-client cannot serve both formats from one registry: an
 * OpenMetrics render renames its counters in place.)
 */
export const metricsRegistry = new Registry<OpenMetricsContentType>();
metricsRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
collectDefaultMetrics({ register: metricsRegistry });

// Labels stay low-cardinality on purpose: no peer address, no ids, no raw URLs.
export const rpcServerDuration = withTraceExemplars(
  new Histogram({
    name: 'rpc_server_duration_seconds',
    help: 'Duration of gRPC calls handled by this service, by service, method and status code.',
    labelNames: ['rpc_service', 'rpc_method', 'rpc_grpc_status_code'] as const,
    buckets: RPC_LATENCY_BUCKETS,
    registers: [metricsRegistry],
    enableExemplars: true,
  }),
);

export const rpcClientDuration = withTraceExemplars(
  new Histogram({
    name: 'rpc_client_duration_seconds',
    help: 'Duration of gRPC calls made by this service, by target service, method and status code.',
    labelNames: ['rpc_service', 'rpc_method', 'rpc_grpc_status_code'] as const,
    buckets: RPC_LATENCY_BUCKETS,
    registers: [metricsRegistry],
    enableExemplars: true,
  }),
);

export const httpServerDuration = withTraceExemplars(
  new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP requests handled by this service; http_route is the route template, never the raw URL.',
    labelNames: ['http_request_method', 'http_route', 'http_response_status_code'] as const,
    buckets: RPC_LATENCY_BUCKETS,
    registers: [metricsRegistry],
    enableExemplars: true,
  }),
);

/** The registry in OpenMetrics text format. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
