import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';
import { waitForHttp } from './wait-for-http.js';

describe('freePort', () => {
  it('returns a usable TCP port', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('waitFor', () => {
  it('resolves with the first truthy probe result', async () => {
    let calls = 0;
    const value = await waitFor(async () => (++calls >= 3 ? 'ready' : undefined), { intervalMs: 1 });
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('names what it waited for and the last error on timeout', async () => {
    const attempt = waitFor(
      async () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 50, intervalMs: 10, what: 'the catalog' },
    );
    await expect(attempt).rejects.toThrow(/waiting for the catalog; last error: connection refused/);
  });
});

describe('waitForHttp', () => {
  it('waits for a 2xx answer', async () => {
    let healthy = false;
    const server = createServer((_req, res) => res.writeHead(healthy ? 200 : 503).end());
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      await expect(waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 100, intervalMs: 10 })).rejects.toThrow(/HTTP 503/);
      healthy = true;
      await waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 2_000, intervalMs: 10 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
