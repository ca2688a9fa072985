import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminServer, type AdminServer } from './admin-server.js';

describe('startAdminServer', () => {
  let ready = false;
  let server: AdminServer;
  let base: string;

  beforeAll(async () => {
    server = await startAdminServer({ port: 0, host: '127.0.0.1', isReady: () => ready });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('picks a free port when given 0', () => {
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers /healthz while live', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 503 until isReady() turns true', async () => {
    const before = await fetch(`${base}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ status: 'not ready' });
    ready = true;
    const after = await fetch(`${base}/readyz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: 'ready' });
    ready = false;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it('serves OpenMetrics text on /metrics', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/openmetrics-text');
    expect(await res.text()).toContain('nodejs_eventloop_lag_seconds');
  });

  it('answers unknown paths with 404 problem+json and other methods with 405', async () => {
    const missing = await fetch(`${base}/nope?x=1`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, title: 'Not Found', detail: 'No admin endpoint at /nope' });
    const post = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('reports a throwing probe as unhealthy instead of failing', async () => {
    const broken = await startAdminServer({
      port: 0,
      host: '127.0.0.1',
      isReady: () => {
        throw new Error('db pool gone');
      },
      isLive: () => false,
    });
    try {
      expect((await fetch(`http://127.0.0.1:${broken.port}/readyz`)).status).toBe(503);
      expect((await fetch(`http://127.0.0.1:${broken.port}/healthz`)).status).toBe(503);
    } finally {
      await broken.close();
    }
  });
});
