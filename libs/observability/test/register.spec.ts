/**
 * The `--import` entry runs in a real child process against the compiled
 * package (dist), exactly as services start. beforeAll builds it (tsc -b is
 * incremental, so this is quick when dist is current) so the test never runs
 * against a stale build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const registerEntry = fileURLToPath(new URL('../dist/register.js', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/traced-app.mjs', import.meta.url));
const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runFixture(env: Record<string, string>, onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<Run> {
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_') && !k.startsWith('K8S_')));
  const child = spawn(process.execPath, ['--import', registerEntry, fixture], {
    cwd: packageDir,
    env: { ...cleanEnv, OTEL_SERVICE_NAME: 'fixture-svc', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout, (signal) => child.kill(signal));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

const logLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, string>);

describe('@bazaar/observability/register', () => {
  const exports: { path?: string; contentType?: string; body: Buffer }[] = [];
  let collector: Server;
  let collectorUrl: string;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.lib.json'], { cwd: packageDir, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
    // A minimal OTLP/HTTP receiver: records what the exporter posts.
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        exports.push({ path: req.url, contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

  it('instruments an ESM app and exports its spans over OTLP/HTTP protobuf', async () => {
    const run = await runFixture({ FIXTURE_MODE: 'roundtrip', OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const handled = logLines(run.stdout).filter((l) => l['msg'] === 'handled request');
    expect(handled).toHaveLength(2);
    for (const line of handled) expect(line['trace_id']).toMatch(/^[0-9a-f]{32}$/);

    expect(exports.length).toBeGreaterThan(0);
    expect(exports.every((e) => e.path === '/v1/traces' && e.contentType === 'application/x-protobuf')).toBe(true);
    const payload = Buffer.concat(exports.map((e) => e.body));
    expect(payload.includes('fixture-svc')).toBe(true);
    expect(payload.includes('@opentelemetry/instrumentation-http')).toBe(true);
    expect(payload.includes('@opentelemetry/instrumentation-undici')).toBe(true);
    // The trace ids the logs carried are the ones that reached the collector.
    for (const line of handled) expect(payload.includes(Buffer.from(line['trace_id'] ?? '', 'hex'))).toBe(true);
  });

  it('fails fast with exit code 78 naming a bad variable', async () => {
    const run = await runFixture({ OTEL_TRACES_SAMPLER_ARG: '2' });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('Invalid configuration for fixture-svc telemetry');
    expect(run.stderr).toContain('OTEL_TRACES_SAMPLER_ARG: expected the sampling ratio');
  });

  it('keeps SIGTERM fatal for an app without its own handler', async () => {
    const run = await runFixture({}, (out, kill) => out.includes('"ready"') && kill('SIGTERM'));
    expect(run.signal).toBe('SIGTERM');
  });

  it("leaves shutdown to an app that handles SIGTERM itself", async () => {
    const run = await runFixture({ FIXTURE_MODE: 'app-handles-sigterm' }, (out, kill) => out.includes('"ready"') && kill('SIGTERM'));
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(logLines(run.stdout).map((l) => l['msg'])).toContain('app graceful shutdown');
  });
});
