import { TraceFlags, context, isSpanContextValid, trace } from '@opentelemetry/api';
import { Histogram, Registry, collectDefaultMetrics, type HistogramConfiguration, type OpenMetricsContentType } from 'prom-client';

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

/** `{ trace_id }` of the active sampled span: the exemplar Grafana follows from a latency bucket to the trace. */
function traceExemplar(): Record<string, string> {
  const spanContext = trace.getSpanContext(context.active());
  if (!spanContext || !isSpanContextValid(spanContext) || !(spanContext.traceFlags & TraceFlags.SAMPLED)) return {};
  return { trace_id: spanContext.traceId };
}

type Labels<T extends string> = Partial<Record<T, string | number>>;
interface Observation<T extends string> {
  labels?: Labels<T>;
  value: number;
  exemplarLabels?: Record<string, string>;
}
type ObserveArgs<T extends string> = [number] | [Labels<T>, number] | [Observation<T>];

/** A histogram whose every observation made inside a sampled span keeps that trace id as its bucket's exemplar. */
export class TracedHistogram<T extends string> extends Histogram<T> {
  constructor(config: HistogramConfiguration<T>) {
    super({ ...config, enableExemplars: true });
    const observeWithExemplar = this.observe.bind(this) as (data: { labels?: object; value: number; exemplarLabels?: object }) => void;
    // prom-client's own startTimer ends in the object form, so timers get the exemplar of the span active when they stop.
    this.observe = ((...args: ObserveArgs<T>) => {
      const [first, second] = args;
      if (typeof first === 'number') return observeWithExemplar({ value: first, exemplarLabels: traceExemplar() });
      if (second !== undefined) return observeWithExemplar({ labels: first, value: second, exemplarLabels: traceExemplar() });
      const data = first as Observation<T>;
      observeWithExemplar({ ...data, exemplarLabels: { ...traceExemplar(), ...data.exemplarLabels } });
    }) as Histogram<T>['observe'];
  }
}

// Labels stay low-cardinality on purpose: no peer address, no ids, no raw URLs.
export const rpcServerDuration = new TracedHistogram({
  name: 'rpc_server_duration_seconds',
  help: 'Duration of gRPC calls handled by this service, by service, method and status code.',
  labelNames: ['rpc_service', 'rpc_method', 'rpc_grpc_status_code'] as const,
  buckets: RPC_LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const rpcClientDuration = new TracedHistogram({
  name: 'rpc_client_duration_seconds',
  help: 'Duration of gRPC calls made by this service, by target service, method and status code.',
  labelNames: ['rpc_service', 'rpc_method', 'rpc_grpc_status_code'] as const,
  buckets: RPC_LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const httpServerDuration = new TracedHistogram({
  name: 'http_server_request_duration_seconds',
  help: 'Duration of HTTP requests handled by this service; http_route is the route template, never the raw URL.',
  labelNames: ['http_request_method', 'http_route', 'http_response_status_code'] as const,
  buckets: RPC_LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** The registry in OpenMetrics text format. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
