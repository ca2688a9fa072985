import { serviceByName } from '@bazaar/service-catalog';
import { freePort, startNodeProcess, waitForHttp, type ChildService } from '@bazaar/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Starts one built service as `npm start` does: its dist/main.js behind the telemetry entry. */
export function startService(name: string, env: Record<string, string>): ChildService {
  const entry = serviceByName(name);
  return startNodeProcess({
    name,
    script: path.join(repoRoot, entry.path, 'dist/main.js'),
    nodeArgs: ['--enable-source-maps', '--import', '@bazaar/observability/register'],
    cwd: repoRoot,
    env: { OTEL_SERVICE_NAME: name, LOG_LEVEL: 'info', ...env },
  });
}

export interface RunningSystem {
  gatewayUrl: string;
  catalogAddress: string;
  catalogAdminUrl: string;
  catalog: ChildService;
  gateway: ChildService;
  stop(): Promise<void>;
  logs(): string;
}

async function ready(service: ChildService, url: string, name: string) {
  try {
    await waitForHttp(url, { timeoutMs: 60_000 });
  } catch (error) {
    throw new Error(`${name} did not become ready: ${String(error)}\n--- ${name} logs ---\n${service.logs().join('\n')}`, { cause: error });
  }
}

/** gateway + catalog on free ports, catalog on embedded PGlite (a fresh folder) unless a DATABASE_URL is given. */
export async function startSystem(options: { databaseUrl?: string } = {}): Promise<RunningSystem> {
  const [grpcPort, adminPort, httpPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bazaar-e2e-'));
  const catalog = startService('catalog', {
    GRPC_PORT: String(grpcPort),
    ADMIN_PORT: String(adminPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const catalogAdminUrl = `http://127.0.0.1:${adminPort}`;
  await ready(catalog, `${catalogAdminUrl}/readyz`, 'catalog');
  const gateway = startService('gateway', {
    HTTP_PORT: String(httpPort),
    HOST: '127.0.0.1',
    CATALOG_ADDRESS: `127.0.0.1:${grpcPort}`,
  });
  const gatewayUrl = `http://127.0.0.1:${httpPort}`;
  await ready(gateway, `${gatewayUrl}/readyz`, 'gateway');
  return {
    gatewayUrl,
    catalogAddress: `127.0.0.1:${grpcPort}`,
    catalogAdminUrl,
    catalog,
    gateway,
    logs: () => [...catalog.logs(), ...gateway.logs()].join('\n'),
    async stop() {
      await Promise.all([gateway.stop('SIGTERM', 15_000), catalog.stop('SIGTERM', 15_000)]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
