import { services } from '@bazaar/service-catalog';
import { startNodeProcess, waitFor, type ChildService } from '@bazaar/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './system.js';

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const catalogPorts = services.flatMap((s) => s.ports.map((p) => p.port));

/** A port offset under which every catalog port is free, so a developer's own `npm start` can keep running. */
async function freeOffset(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const offset = 1_000 + Math.floor(Math.random() * 14_000);
    const busy = await Promise.all(catalogPorts.map((p) => portInUse(p + offset)));
    if (!busy.includes(true)) return offset;
  }
  throw new Error('found no port offset with every service port free');
}

export interface LaunchedSystem {
  gatewayUrl: string;
  launcher: ChildService;
  ports: number[];
  /** host:port of a service's gRPC port. */
  grpcAddress(service: string): string;
  /** Base URL of the port serving a service's /metrics: its admin port, or the HTTP port of one without. */
  metricsUrl(service: string): string;
  /** A bearer token for `user` with `scopes`, minted with the gateway's local key (embedded mode). */
  tokenFor(user: string, scopes?: string[]): string;
  /** SIGINT, as Ctrl-C on `npm start`; resolves with the launcher's exit code. */
  stop(): Promise<number | null>;
}

/** The launcher found a service port taken after freeOffset saw it free. */
class PortTakenError extends Error {}

/**
 * Every service of the catalog, started by the launcher exactly as `npm start`
 * does after its build (Kafka comes from KAFKA_BROKERS, set by npm test's
 * with-kafka or the jest global setup), on shifted ports and fresh data.
 *
 * Shifted service ports lie in the kernel's ephemeral range, where tests running
 * beside this one get their port-0 listeners: one can take a port between the check
 * and the service's bind. That race (and only that) gets a new offset, twice at most.
 */
export async function launchSystem(env: Record<string, string> = {}): Promise<LaunchedSystem> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchOnce(env, await freeOffset());
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 3) throw error;
      console.warn(`launchSystem: ${error.message.split('\n')[0]}; retrying on other ports`);
    }
  }
}

async function launchOnce(env: Record<string, string>, offset: number): Promise<LaunchedSystem> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bazaar-system-'));
  const authDir = path.join(dataDir, 'gateway');
  const httpPort = services.find((s) => s.name === 'gateway')!.ports[0]!.port + offset;
  const gatewayUrl = `http://127.0.0.1:${httpPort}`;
  const launcher = startNodeProcess({
    name: 'launcher',
    script: path.join(repoRoot, 'tools/launcher/dist/main.js'),
    args: ['--quiet', '--port-offset', String(offset), '--data-dir', dataDir],
    nodeArgs: ['--disable-warning=TimeoutNegativeWarning'],
    cwd: repoRoot,
    env: { AUTH_DATA_DIR: authDir, LOG_LEVEL: 'warn', ...env },
  });
  // a launcher that gives up (a service not built, a port taken) fails the launch at once, with its output
  let started = false;
  const gaveUp = launcher.waitForExit(240_000).then(
    (code) => {
      if (started) return;
      rmSync(dataDir, { recursive: true, force: true });
      const logs = launcher.logs().join('\n');
      const failure = `the launcher exited (code ${code}) before every service was ready:\n${logs}`;
      throw /already in use/.test(logs) ? new PortTakenError(failure) : new Error(failure);
    },
    () => undefined,
  );
  await Promise.race([
    gaveUp,
    waitFor(async () => (await fetch(`${gatewayUrl}/readyz`).catch(() => undefined))?.ok, {
      timeoutMs: 180_000,
      intervalMs: 500,
      what: 'the gateway behind the launcher',
    }),
  ]);
  started = true;
  // the gateway answers /readyz a moment before the launcher's own readiness probe reports it
  await waitFor(async () => services.every((s) => new RegExp(`${s.name}\\s.*ready`).test(launcher.logs().join('\n'))), {
    timeoutMs: 30_000,
    intervalMs: 200,
    what: `the launcher to report every service ready\n${launcher.logs().join('\n')}`,
  });
  return {
    gatewayUrl,
    launcher,
    ports: catalogPorts.map((p) => p + offset),
    metricsUrl: (service) => {
      const ports = services.find((s) => s.name === service)!.ports;
      const port = ports.find((p) => p.name === 'admin') ?? ports.find((p) => p.protocol === 'http')!;
      return `http://127.0.0.1:${port.port + offset}`;
    },
    grpcAddress: (service) => `127.0.0.1:${services.find((s) => s.name === service)!.ports.find((p) => p.protocol === 'grpc')!.port + offset}`,
    tokenFor: (user, scopes = []) =>
      execFileSync(process.execPath, [path.join(repoRoot, 'apps/gateway/dist/tools/mint-dev-token.js'), '--user', user, ...scopes.flatMap((scope) => ['--scope', scope])], {
        cwd: repoRoot,
        env: { ...process.env, AUTH_DATA_DIR: authDir },
        encoding: 'utf8',
      }).trim(),
    async stop() {
      const exitCode = await launcher.stop('SIGINT', 60_000);
      rmSync(dataDir, { recursive: true, force: true });
      return exitCode;
    },
  };
}

export { portInUse };
