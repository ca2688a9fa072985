import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@bazaar/config';
import { createLogger } from '@bazaar/observability';
import { gatewayConfigSchema } from '../../src/config.js';
import { startGateway, type RunningGateway } from '../../src/gateway-app.js';

export interface TestGateway extends RunningGateway {
  url: string;
  /** JSON log lines the gateway wrote. */
  logs: Record<string, unknown>[];
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

/** One embedded-mode key pair per test file, outside the repository. */
export const testAuthDataDir = mkdtempSync(join(tmpdir(), 'gateway-auth-'));

/** Starts the gateway in-process on a free loopback port; `env` overrides the test defaults. */
export async function startTestGateway(env: Record<string, string>): Promise<TestGateway> {
  const config = loadConfig('gateway', gatewayConfigSchema, {
    HOST: '127.0.0.1',
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
    AUTH_DATA_DIR: testAuthDataDir,
    ...env,
  });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'gateway',
    level: config.LOG_LEVEL,
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const running = await startGateway(config, logger);
  const url = `http://127.0.0.1:${running.port}`;
  return { ...running, url, logs, get: (path, headers) => fetch(url + path, { headers }) };
}
