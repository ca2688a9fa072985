import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalTraces, wantsLocalTraces } from './local-traces.js';

describe('local traces of npm start', () => {
  it('stays out of the way of a configured collector or disabled tracing', async () => {
    expect(wantsLocalTraces({})).toBe(true);
    expect(wantsLocalTraces({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' })).toBe(false);
    expect(wantsLocalTraces({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://otel:4318/v1/traces' })).toBe(false);
    expect(wantsLocalTraces({ OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(wantsLocalTraces({ LAUNCHER_LOCAL_TRACES: 'off' })).toBe(false);
    expect(await startLocalTraces({ OTEL_SDK_DISABLED: 'true' }, '/nowhere')).toBeUndefined();
  });

  it('receives OTLP itself and points the services at it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'launcher-traces-'));
    const env: NodeJS.ProcessEnv = {};
    const traces = await startLocalTraces(env, dataDir);
    try {
      expect(traces?.file).toBe(join(dataDir, 'traces', 'spans.jsonl'));
      expect(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']).toBe(`${traces!.endpoint}/v1/traces`);
      const answer = await fetch(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body: new Uint8Array(),
      });
      expect(answer.status).toBe(200);
    } finally {
      await traces?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
