import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeCatalog, SUNGLASSES } from './support/fake-catalog.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const PROBLEM_JSON = 'application/problem+json';

describe('gateway platform endpoints', () => {
  let catalog: FakeCatalog;
  let gateway: TestGateway;

  beforeAll(async () => {
    catalog = await new FakeCatalog().start();
    gateway = await startTestGateway({ CATALOG_ADDRESS: `127.0.0.1:${catalog.port}` });
  });
  afterAll(async () => {
    await gateway?.shutdown('test done');
    catalog?.stop();
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await gateway.get('/no/such/thing?x=1');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(await res.json()).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/no/such/thing' });
  });

  it('answers a wrong method on a known route with a 405 problem and Allow', async () => {
    const res = await fetch(`${gateway.url}/api/products`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
    expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
  });

  it('answers a URL it cannot decode with a 400 problem', async () => {
    const res = await gateway.get('/api/products/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers undecodable query parameters with a 400 problem, never a 500', async () => {
    const res = await gateway.get('/api/products?page_size=%ZZ&q=%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
  });

  it('serves an OpenAPI 3 document listing the routes and the problem schema', async () => {
    const res = await gateway.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/analytics/funnel',
      '/api/analytics/revenue',
      '/api/analytics/stream',
      '/api/analytics/top-products',
      '/api/cart',
      '/api/cart/items',
      '/api/cart/items/{productId}',
      '/api/checkout',
      '/api/orders',
      '/api/orders/{id}',
      '/api/products',
      '/api/products/{id}',
      '/api/shipping/quote',
    ]);
    expect(doc.paths['/api/products']!['get']).toMatchObject({ parameters: expect.arrayContaining([expect.objectContaining({ name: 'page_size', in: 'query' })]) });
    expect(doc.components.schemas).toHaveProperty('ProblemDto');
    expect(JSON.stringify(doc.paths['/api/products/{id}'])).toContain(PROBLEM_JSON);
    expect(JSON.stringify(doc.paths['/api/analytics/stream'])).toContain('text/event-stream');
  });

  it('serves the API docs UI', async () => {
    const res = await gateway.get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('is live and ready', async () => {
    expect((await gateway.get('/healthz')).status).toBe(200);
    expect((await gateway.get('/readyz')).status).toBe(200);
  });

  it('records request durations by route template, never by raw URL', async () => {
    await gateway.get(`/api/products/${SUNGLASSES.id}`);
    await gateway.get('/definitely/not/a/route');
    const res = await gateway.get('/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/http_server_request_duration_seconds_count\{[^}]*http_route="\/api\/products\/:id"[^}]*http_response_status_code="200"[^}]*\} [1-9]/);
    expect(text).toContain('http_route="unmatched"');
    expect(text).not.toContain(SUNGLASSES.id);
    expect(text).not.toContain('definitely');
  });

  it('logs one JSON line per request with the route template and never the Authorization or Cookie header', async () => {
    await gateway.get(`/api/products/${SUNGLASSES.id}?q=1`, { authorization: 'Bearer s3cr3t-token', cookie: 'session=c00kie', 'x-request-id': 'log-test-1' });
    const line = gateway.logs.find((l) => l['requestId'] === 'log-test-1');
    expect(line).toMatchObject({ method: 'GET', route: '/api/products/:id', status: 200, msg: 'request completed' });
    expect(typeof line!['durationMs']).toBe('number');
    const all = JSON.stringify(gateway.logs);
    expect(all).not.toContain('s3cr3t-token');
    expect(all).not.toContain('c00kie');
  });
});

describe('gateway shutdown', () => {
  it('turns /readyz to 503 while it keeps serving during the shutdown delay', async () => {
    const catalog = await new FakeCatalog().start();
    const gateway = await startTestGateway({ CATALOG_ADDRESS: `127.0.0.1:${catalog.port}`, SHUTDOWN_DELAY_MS: '1000', LOG_LEVEL: 'silent' });
    try {
      expect((await gateway.get('/readyz')).status).toBe(200);
      const stopped = gateway.shutdown('SIGTERM');
      const ready = await gateway.get('/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready' });
      expect((await gateway.get(`/api/products/${SUNGLASSES.id}`)).status).toBe(200);
      await stopped;
      await expect(gateway.get('/healthz')).rejects.toThrow();
    } finally {
      await gateway.shutdown('test done');
      catalog.stop();
    }
  });
});
