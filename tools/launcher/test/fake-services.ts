import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceSpec } from '../src/service-spec.js';
import { buildServiceCommand, type ServiceCommand } from '../src/service-command.js';
import type { Output } from '../src/progress.js';

/**
 * A tiny stand-in for a Bazaar service: logs pino-style JSON, serves /readyz
 * on ADMIN_PORT, and misbehaves on request (FAKE_MODE).
 */
const FAKE_SERVICE = `
import { createServer, get } from 'node:http';
import { appendFileSync } from 'node:fs';
const name = process.env.OTEL_SERVICE_NAME;
const mode = process.env.FAKE_MODE ?? 'ready';
const log = (level, msg, extra = {}) =>
  process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), service: name, msg, ...extra }) + '\\n');
const record = (line) => appendFileSync(process.env.FAKE_RECORD, line + '\\n');

const dependencyUp = () => new Promise((resolve) => {
  if (!process.env.FAKE_REQUIRES) return resolve(true);
  get(process.env.FAKE_REQUIRES, (res) => { res.resume(); resolve(res.statusCode === 200); }).on('error', () => resolve(false));
});
record(name + ' started, dependency ' + ((await dependencyUp()) ? 'ready' : 'NOT ready'));
log('info', 'starting in mode ' + mode, { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' });

if (mode === 'crash') {
  log('error', 'config broken: missing DATABASE_URL');
  process.stderr.write('Error: boom\\n');
  process.exit(3);
}
const server = createServer((req, res) => {
  res.statusCode = mode === 'never' ? 503 : 200;
  res.end();
});
// Listening a little late so the launcher has to poll.
setTimeout(() => server.listen(Number(process.env.ADMIN_PORT), () => log('info', 'listening')), 150);
process.on('SIGTERM', () => {
  record(name + ' got SIGTERM');
  if (mode === 'stubborn') return log('warn', 'ignoring SIGTERM');
  log('info', 'received SIGTERM');
  server.close();
  process.exit(0);
});
if (mode === 'die-later') setTimeout(() => { log('fatal', 'lost connection'); process.exit(4); }, 400);
`;

export class FakeServices {
  readonly dir = mkdtempSync(join(tmpdir(), 'launcher-test-'));
  readonly logDir = join(this.dir, 'logs');
  readonly script = join(this.dir, 'fake-service.mjs');
  readonly recordFile = join(this.dir, 'record.txt');

  constructor() {
    writeFileSync(this.script, FAKE_SERVICE);
    writeFileSync(this.recordFile, '');
  }

  async spec(name: string, mode: string, extraEnv: Record<string, string> = {}): Promise<ServiceSpec> {
    const port = await freePort();
    return {
      name,
      path: `apps/${name}`,
      ports: [{ name: 'admin', port, protocol: 'http', env: 'ADMIN_PORT' }],
      readiness: { port: 'admin', path: '/readyz' },
      embeddedEnv: { FAKE_MODE: mode, FAKE_RECORD: this.recordFile, ...extraEnv },
    };
  }

  commandFor = (spec: ServiceSpec): ServiceCommand =>
    buildServiceCommand(spec, { repoRoot: this.dir, baseEnv: process.env, preloads: [], entryScript: () => this.script });

  records(): string[] {
    return readFileSync(this.recordFile, 'utf8').split('\n').filter(Boolean);
  }

  log(name: string): string {
    return readFileSync(join(this.logDir, `${name}.log`), 'utf8');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Collects what the launcher prints. */
export class CapturedOutput implements Output {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
