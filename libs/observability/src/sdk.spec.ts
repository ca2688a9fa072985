import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@bazaar/config';
import { ROOT_CONTEXT, SpanKind, trace, type Context } from '@opentelemetry/api';
import { NoopSpanProcessor, BatchSpanProcessor, SamplingDecision, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { serviceResourceAttributes } from './resource.js';
import { buildPropagator, buildSampler, buildSpanProcessors } from './sdk.js';
import { loadTelemetryConfig } from './telemetry-config.js';

describe('telemetry configuration', () => {
  it('defaults to W3C propagation, parent-based sampling and no exporter', () => {
    const config = loadTelemetryConfig({});
    expect(buildPropagator(config.OTEL_PROPAGATORS)?.fields()).toEqual(['traceparent', 'tracestate', 'baggage']);
    expect(buildSampler(config).toString()).toContain('ParentBased{root=AlwaysOnSampler');
    const processors = buildSpanProcessors(config);
    expect(processors).toHaveLength(1);
    expect(processors[0]).toBeInstanceOf(NoopSpanProcessor);
  });

  it('adds the X-Ray propagator, ratio sampling and exporters from the standard variables', async () => {
    const config = loadTelemetryConfig({
      OTEL_PROPAGATORS: 'tracecontext, baggage, xray',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_TRACES_EXPORTER: 'otlp,console',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    });
    expect(buildPropagator(config.OTEL_PROPAGATORS)?.fields()).toContain('x-amzn-trace-id');
    expect(buildSampler(config).toString()).toContain('TraceIdRatioBased{0.25}');
    const processors = buildSpanProcessors(config);
    expect(processors.map((p) => p.constructor)).toEqual([SimpleSpanProcessor, BatchSpanProcessor]);
    await Promise.all(processors.map((p) => p.shutdown()));
    expect(buildPropagator(['none'])).toBeNull();
  });

  it('continues an X-Ray trace (API Gateway header) when xray is on, and only then', () => {
    const header = { 'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' };
    const getter = { keys: (c: Record<string, string>) => Object.keys(c), get: (c: Record<string, string>, k: string) => c[k] };
    const extracted = (names: string) =>
      trace.getSpanContext(buildPropagator(loadTelemetryConfig({ OTEL_PROPAGATORS: names }).OTEL_PROPAGATORS)!.extract(ROOT_CONTEXT, header, getter));
    expect(extracted('tracecontext,baggage,xray')).toMatchObject({ traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', traceFlags: 1 });
    expect(extracted('tracecontext,baggage')).toBeUndefined();
  });

  it('samples the ratio of root traces and follows the parent’s decision', () => {
    const sampler = buildSampler(loadTelemetryConfig({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }));
    const decide = (ctx: Context) => sampler.shouldSample(ctx, '0af7651916cd43dd8448eb211c80319c', 'GET', SpanKind.SERVER, {}, []).decision;
    expect(decide(ROOT_CONTEXT)).toBe(SamplingDecision.NOT_RECORD);
    const sampledParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1, isRemote: true });
    expect(decide(sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('rejects bad values, naming each variable', () => {
    let error: unknown;
    try {
      loadTelemetryConfig({
        OTEL_SERVICE_NAME: 'catalog',
        OTEL_PROPAGATORS: 'tracecontext,jaeger',
        OTEL_TRACES_SAMPLER_ARG: '2',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        K8S_NAMESPACE: 'Not_A_Namespace',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, issues } = error as ConfigError;
    expect(message).toContain('Invalid configuration for catalog telemetry');
    expect(issues.map((i) => i.variable).sort()).toEqual([
      'K8S_NAMESPACE',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_PROPAGATORS',
      'OTEL_TRACES_SAMPLER_ARG',
    ]);
    expect(message).toContain('OTEL_PROPAGATORS: expected a comma-separated list of tracecontext, baggage, xray, none');
  });

  it('describes the service and its pod as resource attributes', () => {
    const config = loadTelemetryConfig({
      OTEL_SERVICE_NAME: 'orders',
      SERVICE_VERSION: '1.4.2',
      K8S_POD_NAME: 'orders-7d9f-abcde',
      K8S_NAMESPACE: 'bazaar',
      K8S_NODE_NAME: 'ip-10-0-1-2.eu-west-1.compute.internal',
    });
    expect(serviceResourceAttributes(config, {})).toEqual({
      'service.name': 'orders',
      'service.version': '1.4.2',
      'k8s.pod.name': 'orders-7d9f-abcde',
      'k8s.namespace.name': 'bazaar',
      'k8s.node.name': 'ip-10-0-1-2.eu-west-1.compute.internal',
    });
    expect(serviceResourceAttributes(loadTelemetryConfig({}), { npm_package_version: '0.9.0' })).toEqual({ 'service.version': '0.9.0' });
  });
});
