import { describe, expect, it } from '@jest/globals';
import { services } from '@bazaar/service-catalog';
import { startNodeProcess, waitFor } from '@bazaar/testing';
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

/** What `npm start` runs after its build step: the launcher, on the catalog's fixed ports. */
describe('npm start (the launcher over the built services)', () => {
  it('brings up every service on embedded defaults, serves products, and stops cleanly on Ctrl-C', async () => {
    const ports = services.flatMap((s) => s.ports.map((p) => p.port));
    const busy = [];
    for (const port of ports) if (await portInUse(port)) busy.push(port);
    if (busy.length) throw new Error(`ports ${busy.join(', ')} are in use — stop a running \`npm start\` before running the tests`);

    const dataDir = mkdtempSync(path.join(tmpdir(), 'bazaar-npm-start-'));
    const launcher = startNodeProcess({
      name: 'launcher',
      script: path.join(repoRoot, 'tools/launcher/dist/main.js'),
      args: ['--quiet'],
      cwd: repoRoot,
      env: { DATA_DIR: path.join(dataDir, 'catalog'), LOG_LEVEL: 'warn' },
    });
    try {
      await waitFor(async () => (await fetch('http://127.0.0.1:8080/readyz').catch(() => undefined))?.ok, {
        timeoutMs: 90_000,
        intervalMs: 500,
        what: `the gateway behind npm start\n${launcher.logs().join('\n')}`,
      });
      const response = await fetch('http://127.0.0.1:8080/api/products');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { products: unknown[] };
      expect(body.products.length).toBe(20);
      const table = launcher.logs().join('\n');
      for (const s of services) expect(table).toMatch(new RegExp(`${s.name}.*ready`));
    } finally {
      const exitCode = await launcher.stop('SIGINT', 30_000);
      rmSync(dataDir, { recursive: true, force: true });
      expect(exitCode).toBe(0);
    }
    for (const port of ports) expect(await portInUse(port)).toBe(false);
  });
});
