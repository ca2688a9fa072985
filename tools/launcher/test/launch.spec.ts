import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { launch, type LaunchOptions } from '../src/launch.js';
import type { ServiceSpec } from '../src/service-spec.js';
import { CapturedOutput, FakeServices } from './fake-services.js';

const fakes = new FakeServices();
afterAll(() => fakes.remove());

function start(specs: ServiceSpec[], overrides: Partial<LaunchOptions> = {}) {
  const out = new CapturedOutput();
  const running = launch(specs, {
    commandFor: fakes.commandFor,
    logDir: fakes.logDir,
    readyTimeoutMs: 10_000,
    graceMs: 5_000,
    streamLogs: false,
    out,
    ...overrides,
  });
  return { running, out };
}

const readyz = (spec: ServiceSpec) => `http://127.0.0.1:${spec.ports[0]!.port}/readyz`;

describe('launch', () => {
  it('starts services in order, each once the one before is ready, and stops them in reverse on request', async () => {
    const a = await fakes.spec('alpha', 'ready');
    const b = await fakes.spec('beta', 'ready', { FAKE_REQUIRES: readyz(a) });
    const { running, out } = start([a, b]);

    expect(await running.ready).toBe(true);
    expect(out.text).toMatch(/alpha\s+ready in \d+ ms/);
    expect(out.text).toMatch(/beta\s+ready in \d+ ms/);
    expect(out.text).toMatch(/service\s+ports\s+status\s+pid/);
    expect(out.text).toMatch(new RegExp(`alpha\\s+admin :${a.ports[0]!.port}\\s+ready\\s+\\d+`));
    expect(out.text).toMatch(new RegExp(`beta\\s+admin :${b.ports[0]!.port}\\s+ready\\s+\\d+`));

    running.stop();
    const outcome = await running.finished;
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stops.map((s) => [s.name, s.how, s.exit.code])).toEqual([
      ['beta', 'sigterm', 0],
      ['alpha', 'sigterm', 0],
    ]);
    expect(fakes.records()).toEqual(['alpha started, dependency ready', 'beta started, dependency ready', 'beta got SIGTERM', 'alpha got SIGTERM']);
    expect(fakes.log('alpha')).toContain('"msg":"received SIGTERM"');
    expect(out.text).toMatch(/beta\s+stopped on SIGTERM/);
  });

  it('reports a service that crashes before it is ready, with its last log lines, and stops the others', async () => {
    const a = await fakes.spec('gamma', 'ready');
    const b = await fakes.spec('delta', 'crash');
    const c = await fakes.spec('epsilon', 'ready');
    const { running, out } = start([a, b, c]);

    expect(await running.ready).toBe(false);
    const outcome = await running.finished;
    expect(outcome.exitCode).toBe(1);
    expect(out.text).toContain('delta exited with code 3 before it was ready.');
    expect(out.text).toMatch(/delta\s+\| \d\d:\d\d:\d\d\.\d{3} ERROR config broken: missing DATABASE_URL/);
    expect(out.text).toMatch(/delta\s+\| Error: boom/);
    expect(out.text).toMatch(/delta\s+admin :\d+\s+failed\s+-/);
    expect(out.text).toMatch(/epsilon\s+admin :\d+\s+not started\s+-/);
    expect(outcome.stops.map((s) => [s.name, s.how])).toEqual([
      ['delta', 'already-exited'],
      ['gamma', 'sigterm'],
    ]);
  });

  it('gives up on a service that is not ready in time and stops it', async () => {
    const a = await fakes.spec('zeta', 'never');
    const { running, out } = start([a], { readyTimeoutMs: 1_000 });

    const outcome = await running.finished;
    expect(outcome.exitCode).toBe(1);
    expect(out.text).toContain(`zeta was not ready within 1 s (no 200 from ${readyz(a)}).`);
    expect(out.text).toMatch(/zeta \| .*INFO {2}listening/);
    expect(outcome.stops.map((s) => [s.name, s.how])).toEqual([['zeta', 'sigterm']]);
  });

  it('reports a service that dies after startup, streams prefixed logs, and stops the rest', async () => {
    const a = await fakes.spec('eta', 'ready');
    const b = await fakes.spec('theta', 'die-later');
    const { running, out } = start([a, b], { streamLogs: true });

    expect(await running.ready).toBe(true);
    const outcome = await running.finished;
    expect(outcome.exitCode).toBe(1);
    expect(out.text).toContain('theta exited with code 4 unexpectedly.');
    expect(out.text).toMatch(/^theta \| \d\d:\d\d:\d\d\.\d{3} FATAL lost connection$/m);
    expect(outcome.stops.map((s) => [s.name, s.how])).toEqual([
      ['theta', 'already-exited'],
      ['eta', 'sigterm'],
    ]);
    // Streamed lines after startup are compacted too; eta's SIGTERM line arrives while stopping.
    expect(out.text).toMatch(/^eta {3}\| \d\d:\d\d:\d\d\.\d{3} INFO {2}received SIGTERM$/m);
  });

  it('kills a service that ignores SIGTERM after the grace period', async () => {
    const a = await fakes.spec('iota', 'stubborn');
    const { running, out } = start([a], { graceMs: 500 });

    expect(await running.ready).toBe(true);
    running.stop();
    const outcome = await running.finished;
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stops.map((s) => [s.name, s.how, s.exit.signal])).toEqual([['iota', 'sigkill', 'SIGKILL']]);
    expect(out.text).toContain('killed with SIGKILL');
  });

  it('refuses to start a service whose port is taken', async () => {
    const a = await fakes.spec('kappa', 'ready');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(a.ports[0]!.port, resolve));
    try {
      const { running, out } = start([a]);
      const outcome = await running.finished;
      expect(outcome.exitCode).toBe(1);
      expect(out.text).toContain(`kappa cannot start: port ${a.ports[0]!.port} already in use`);
      expect(outcome.stops).toEqual([]);
    } finally {
      blocker.close();
    }
  });
});
