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

/** A port offset under which every catalog port is free, so a developer's own `npm start` can keep running. */
async function freeOffset(ports: number[]): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const offset = 1_000 + Math.floor(Math.random() * 14_000);
    const busy = await Promise.all(ports.map((p) => portInUse(p + offset)));
    if (!busy.includes(true)) return offset;
  }
  throw new Error('found no port offset with every service port free');
}

/** What `npm start` runs after its build step: the launcher over the built services. */
describe('npm start (the launcher over the built services)', () => {
  it('brings up every service on embedded defaults, serves products, and stops cleanly on Ctrl-C', async () => {
    const offset = await freeOffset(services.flatMap((s) => s.ports.map((p) => p.port)));
    const ports = services.flatMap((s) => s.ports.map((p) => p.port + offset));
    const httpPort = services.find((s) => s.name === 'gateway')!.ports[0]!.port;
    const gateway = `http://127.0.0.1:${httpPort + offset}`;

    const dataDir = mkdtempSync(path.join(tmpdir(), 'bazaar-npm-start-'));
    const launcher = startNodeProcess({
      name: 'launcher',
      script: path.join(repoRoot, 'tools/launcher/dist/main.js'),
      args: ['--quiet', '--port-offset', String(offset)],
      cwd: repoRoot,
      env: { DATA_DIR: path.join(dataDir, 'catalog'), LOG_LEVEL: 'warn' },
    });
    try {
      await waitFor(async () => (await fetch(`${gateway}/readyz`).catch(() => undefined))?.ok, {
        timeoutMs: 90_000,
        intervalMs: 500,
        what: `the gateway behind npm start\n${launcher.logs().join('\n')}`,
      });
      const response = await fetch(`${gateway}/api/products`);
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
