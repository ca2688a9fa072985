import type { IncomingMessage } from 'node:http';
import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NoopSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { serviceResourceAttributes } from './resource.js';
import { runningSdk, setRunningSdk } from './telemetry-handle.js';
import type { TelemetryConfig } from './telemetry-config.js';

/** Probe and scrape endpoints: tracing them would bury real traffic under noise. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/livez', '/metrics']);

export function buildPropagator(names: TelemetryConfig['OTEL_PROPAGATORS']): TextMapPropagator | null {
  if (names.includes('none')) return null;
  const propagators: TextMapPropagator[] = [];
  if (names.includes('tracecontext')) propagators.push(new W3CTraceContextPropagator());
  if (names.includes('baggage')) propagators.push(new W3CBaggagePropagator());
  if (names.includes('xray')) propagators.push(new AWSXRayPropagator());
  return new CompositePropagator({ propagators });
}

export function buildSampler(config: Pick<TelemetryConfig, 'OTEL_TRACES_SAMPLER' | 'OTEL_TRACES_SAMPLER_ARG'>): Sampler {
  const ratio = new TraceIdRatioBasedSampler(config.OTEL_TRACES_SAMPLER_ARG);
  switch (config.OTEL_TRACES_SAMPLER) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

export function buildSpanProcessors(config: TelemetryConfig): SpanProcessor[] {
  const exporters = config.OTEL_TRACES_EXPORTER;
  const processors: SpanProcessor[] = [];
  if (!exporters.includes('none')) {
    if (exporters.includes('console')) processors.push(new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() }));
    const endpoint = config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? config.OTEL_EXPORTER_OTLP_ENDPOINT;
    // The exporter reads the endpoint, headers and timeout from the standard OTEL_EXPORTER_OTLP_* variables itself.
    if (exporters.includes('otlp') && endpoint) processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
  }
  // Without an exporter we still want a real tracer: spans get ids for log
  // correlation and trace context still flows to downstream services.
  return processors.length > 0 ? processors : [new NoopSpanProcessor()];
}

function isUntracedRequest(request: IncomingMessage): boolean {
  const path = (request.url ?? '').split('?', 1)[0] ?? '';
  return UNTRACED_PATHS.has(path);
}

export function createTelemetrySdk(config: TelemetryConfig): NodeSDK {
  return new NodeSDK({
    resource: defaultResource().merge(resourceFromAttributes(serviceResourceAttributes(config))),
    serviceName: config.OTEL_SERVICE_NAME,
    textMapPropagator: buildPropagator(config.OTEL_PROPAGATORS),
    sampler: buildSampler(config),
    spanProcessors: buildSpanProcessors(config),
    // Metrics go through prom-client and logs through pino to stdout, so the
    // SDK must not start its default OTLP metric/log exporters.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: isUntracedRequest }),
      new UndiciInstrumentation(),
      new GrpcInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
}

/** Starts tracing once per process with an already-validated configuration. */
export function startTelemetry(config: TelemetryConfig): void {
  if (runningSdk() || config.OTEL_SDK_DISABLED) return;
  const sdk = createTelemetrySdk(config);
  sdk.start();
  setRunningSdk(sdk);
}
