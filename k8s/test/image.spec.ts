import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { services, type ServiceEntry } from '@bazaar/service-catalog';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dockerfile, entryCommand } from '../src/image/dockerfile.js';
import { helm, parseManifests, repoRoot } from './helm.js';
import { find, podSpecOf } from './manifests.js';

/**
 * No Docker engine runs here, so this proves the parts of each image that can
 * be proved without one: the Dockerfile follows the convention, its final
 * stage gets exactly what assemble-app.mjs makes from the Nx build output
 * (production dependencies only), and the image's entry command boots that
 * tree to healthy. Trade-off: the tree is hard-linked from the installed
 * workspace rather than made by a fresh `npm ci --omit=dev` (minutes of
 * network per run); `npm ls --omit=dev` proves the same dependency set.
 */

const scratch = mkdtempSync(path.join(os.tmpdir(), 'bazaar-image-'));
const running: ChildProcess[] = [];
// one database per service, as in every environment (services own their schemas)
const databaseOf = (service: string) => `k8s_image_boot_${process.pid}_${service}`;
const postgresServices = services.filter((s) => s.datastores.includes('postgres')).map((s) => s.name);
const psql = (sql: string) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-qc', sql]);

beforeAll(() => {
  // what `nx run <app>:build` runs (each app's build script), incremental; under `npm test` nx has built them already
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', ...services.map((s) => path.join(repoRoot, s.path, 'tsconfig.lib.json'))], { cwd: repoRoot, stdio: 'pipe' });
  for (const service of postgresServices) psql(`CREATE DATABASE ${databaseOf(service)}`);
}, 240_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(running.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))));
  for (const service of postgresServices) psql(`DROP DATABASE IF EXISTS ${databaseOf(service)} WITH (FORCE)`);
  rmSync(scratch, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${log()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not healthy at ${url}:\n${log()}`);
}

/**
 * The environment the service's chart gives its pod (default values): the ConfigMap's entries, with paths
 * under Secret volume mounts pointing at a local copy of that Secret's data instead.
 */
function chartEnvironment(entry: ServiceEntry): Record<string, string> {
  const manifests = parseManifests(helm(['template', 'bazaar', path.join(repoRoot, 'charts', entry.name), '-n', 'bazaar']));
  const pod = podSpecOf(find(manifests, 'Deployment', entry.name));
  const mounts: [string, string][] = [];
  for (const mount of pod.containers[0].volumeMounts ?? []) {
    const secretName = pod.volumes.find((v: { name: string }) => v.name === mount.name)?.secret?.secretName as string | undefined;
    if (!secretName) continue;
    expect(mount.readOnly).toBe(true);
    const local = path.join(scratch, `${entry.name}-secret-${secretName}`);
    mkdirSync(local, { recursive: true });
    for (const [key, value] of Object.entries(find(manifests, 'Secret', secretName)['data'] as Record<string, string>)) {
      writeFileSync(path.join(local, key), Buffer.from(value, 'base64'), { mode: 0o400 });
    }
    mounts.push([mount.mountPath, local]);
  }
  const data = find(manifests, 'ConfigMap', `${entry.name}-config`)['data'] as Record<string, string>;
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, mounts.reduce((v, [mountPath, local]) => (v.startsWith(`${mountPath}/`) ? local + v.slice(mountPath.length) : v), value)]),
  );
}

/** Every file under `root`: the pod's root filesystem is read-only, so a service must not add any. */
const filesOf = (root: string): string[] => readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();

/** Boots the assembled image tree the way the image does: from /app, its CMD, NODE_ENV=production. */
async function boot(entry: ServiceEntry, root: string, env: Record<string, string>): Promise<void> {
  const [command, ...args] = entryCommand(entry);
  expect(command).toBe('node');
  let output = '';
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const health = entry.ports.find((p) => p.name === entry.readiness.port)!;
  await waitHealthy(`http://127.0.0.1:${env[health.env]}${entry.readiness.path}`, child, () => output);
}

describe('container images', () => {
  it.each(services.map((s) => [s.name, s] as const))('%s: Dockerfile follows the convention (generated, multi-stage, pinned Node 24 slim, numeric non-root USER)', (_name, entry) => {
    const text = readFileSync(path.join(repoRoot, entry.path, 'Dockerfile'), 'utf8');
    expect(text).toBe(dockerfile(entry));
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-[a-z]+-slim$/m);
    expect(text.match(/^FROM /gm)).toHaveLength(2);
    expect(text).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
    expect(text).toMatch(/^COPY --from=build \/app \/app$/m);
    expect(readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')).toMatch(/^\*\*\/node_modules$/m);
    // the image's `nx run <app>:build` is this script, which the boot test below runs
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, entry.path, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['build']).toBe('tsc -b tsconfig.lib.json');
  });

  it('boots every app from its production-only image tree with the image entry command and its chart\'s configuration, and it becomes healthy without writing to the tree', async () => {
    const ports: Record<string, Record<string, string>> = {};
    const trees: [string, string[]][] = [];
    for (const entry of services) {
      const root = path.join(scratch, entry.name);
      execFileSync(process.execPath, [path.join(repoRoot, 'k8s/image/assemble-app.mjs'), entry.name, root, '--link'], { cwd: repoRoot, stdio: 'ignore' });
      // what the final stage copies: the app's Nx build output, no sources, no dev dependencies
      expect(existsSync(path.join(root, entry.path, 'dist/main.js'))).toBe(true);
      expect(existsSync(path.join(root, entry.path, 'src'))).toBe(false);
      for (const dev of ['jest', 'eslint', 'nx', '@swc/core', '@bazaar/testing']) expect(existsSync(path.join(root, 'node_modules', dev))).toBe(false);

      // the chart's configuration, then what differs on this machine: ports, addresses, datastores
      const env: Record<string, string> = { ...chartEnvironment(entry), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SHUTDOWN_DELAY_MS: '0' };
      for (const p of entry.ports) env[p.env] = String(await freePort());
      if (entry.datastores.includes('postgres')) env['DATABASE_URL'] = `postgres://postgres@127.0.0.1:5432/${databaseOf(entry.name)}`;
      if (entry.datastores.includes('redis')) env['REDIS_URL'] = 'redis://127.0.0.1:6379';
      if (entry.kubernetes?.kafka) {
        // npm test runs under tools/kafka's with-kafka, which starts a real broker and sets this
        const brokers = process.env['KAFKA_BROKERS'];
        if (!brokers) throw new Error(`${entry.name} needs Kafka: run through npm test (with-kafka) or set KAFKA_BROKERS`);
        env['KAFKA_BROKERS'] = brokers;
      }
      for (const callee of entry.calls) {
        const grpc = services.find((s) => s.name === callee)!.ports.find((p) => p.protocol === 'grpc')!;
        env[`${callee.toUpperCase()}_ADDRESS`] = `127.0.0.1:${ports[callee]![grpc.env]}`;
      }
      ports[entry.name] = env;
      trees.push([root, filesOf(root)]);
      await boot(entry, root, env); // services are in start order: callees first
    }

    // the gateway verifies tokens signed with the dev key its chart generated (kind: no identity provider)
    const gateway = services.find((s) => s.kubernetes?.verifiesTokens)!;
    const gatewayEnv = ports[gateway.name]!;
    const token = execFileSync(process.execPath, [path.join(gateway.path, 'dist/tools/mint-dev-token.js'), '--user', 'alice'], {
      cwd: path.join(scratch, gateway.name),
      env: { PATH: process.env['PATH'] ?? '', ...gatewayEnv },
      encoding: 'utf8',
    }).trim();
    const cart = await fetch(`http://127.0.0.1:${gatewayEnv['HTTP_PORT']}/api/cart`, { headers: { authorization: `Bearer ${token}` } });
    expect(cart.status).toBe(200);

    for (const [root, before] of trees) expect({ root, files: filesOf(root) }).toEqual({ root, files: before });
  }, 300_000);
});
