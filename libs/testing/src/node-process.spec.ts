import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeProcess } from './node-process.js';
import { waitFor } from './wait-for.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bazaar-testing-'));
  await writeFile(
    join(dir, 'server.mjs'),
    [
      "console.log('node', process.version, process.env.GREETING, process.argv.slice(2).join(','));",
      "process.on('SIGTERM', () => { console.error('stopping'); process.exit(3); });",
      'setInterval(() => {}, 1000);',
    ].join('\n'),
  );
  await writeFile(join(dir, 'stubborn.mjs'), "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('startNodeProcess', () => {
  it('runs a script with the test Node binary, captures output, and stops it with SIGTERM', async () => {
    const child = startNodeProcess({ name: 'server', script: 'server.mjs', cwd: dir, args: ['a', 'b'], env: { GREETING: 'hi' } });
    expect(child.pid).toBeGreaterThan(0);
    await waitFor(async () => child.logs().length > 0, { what: 'first log line' });
    expect(child.logs()[0]).toBe(`node ${process.version} hi a,b`);
    expect(await child.stop()).toBe(3);
    expect(child.logs()).toContain('stopping');
    expect(await child.stop()).toBe(3);
  });

  it('kills a process that ignores SIGTERM after the timeout', async () => {
    const child = startNodeProcess({ name: 'stubborn', script: join(dir, 'stubborn.mjs') });
    await waitFor(async () => child.logs().includes('up'), { what: 'stubborn start' });
    expect(await child.stop('SIGTERM', 200)).toBeNull();
  });

  it('reports a process that does not exit in time', async () => {
    const child = startNodeProcess({ name: 'stubborn', script: join(dir, 'stubborn.mjs') });
    await expect(child.waitForExit(50)).rejects.toThrow(/stubborn \(pid \d+\) did not exit within 50 ms/);
    await child.stop('SIGKILL');
  });
});
