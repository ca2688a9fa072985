import { describe, expect, it } from '@jest/globals';
import { services } from '@bazaar/service-catalog';
import { telemetryHint } from './telemetry-hint.js';

describe('telemetryHint', () => {
  it('says traces are not exported by default and how to change that', () => {
    const text = telemetryHint(services, {}, '/repo/.data/logs').join('\n');
    expect(text).toMatch(/traces +not exported — set OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(text).toContain('catalog :9101');
    expect(text).toContain('gateway :8080');
    expect(text).toContain('/repo/.data/logs/<service>.log');
  });

  it('names the collector when one is configured', () => {
    expect(telemetryHint(services, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' }, '/l').join('\n')).toContain('OTLP/HTTP to http://otel:4318');
    expect(telemetryHint(services, { OTEL_SDK_DISABLED: 'true' }, '/l').join('\n')).toContain('traces   off');
  });

  it('points at the local span file and the trace command when the launcher keeps the spans', () => {
    const text = telemetryHint(services, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4/v1/traces' }, '/l', '/repo/.data/traces/spans.jsonl').join('\n');
    expect(text).toContain('traces   kept in /repo/.data/traces/spans.jsonl — `npm run trace -- <order id>`');
  });
});
