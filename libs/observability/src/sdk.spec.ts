import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@bazaar/config';
import { NoopSpanProcessor, BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
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
