import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@bazaar/testing';
import { getJson } from './http.js';
import { startSystem, type RunningSystem } from './system.js';

interface Product {
  id: string;
  name: string;
  categories: string[];
  price: { currencyCode: string; units: string; nanos?: number };
}
interface ProductPage {
  products: Product[];
  nextPageToken?: string;
}
interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; description: string }[];
}

const backends: [string, () => Promise<TestDatabase | undefined>][] = [
  ['embedded PGlite', async () => undefined],
  ['PostgreSQL', () => createTestDatabase({ prefix: 'e2e_catalog' })],
];

describe.each(backends)('storefront through the gateway (catalog on %s)', (_name, makeDatabase) => {
  let database: TestDatabase | undefined;
  let system: RunningSystem;

  beforeAll(async () => {
    database = await makeDatabase();
    system = await startSystem({ databaseUrl: database?.url });
  });
  afterAll(async () => {
    await system?.stop();
    await database?.drop();
  });

  const api = (path: string) => getJson<ProductPage & Problem & Product>(`${system.gatewayUrl}${path}`);

  it('lists the seeded products, page by page', async () => {
    const first = await api('/api/products');
    expect(first.status).toBe(200);
    expect(first.body.products).toHaveLength(20);
    const ids = first.body.products.map((p) => p.id);
    let token = first.body.nextPageToken ?? '';
    while (token) {
      const next = await api(`/api/products?page_size=50&page_token=${encodeURIComponent(token)}`);
      expect(next.status).toBe(200);
      ids.push(...next.body.products.map((p) => p.id));
      token = next.body.nextPageToken ?? '';
    }
    expect(ids.length).toBeGreaterThanOrEqual(50);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('returns one product with an exact price', async () => {
    const { status, body } = await api('/api/products/6E92ZMYYFZ');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: '6E92ZMYYFZ', name: 'Mug', price: { currencyCode: 'USD', units: '8', nanos: 990_000_000 } });
  });

  it('searches', async () => {
    const { status, body } = await api('/api/products?q=mug');
    expect(status).toBe(200);
    expect(body.products[0]?.name).toBe('Mug');
  });

  it('answers an unknown product with a 404 problem', async () => {
    const response = await api('/api/products/ZZZZZZZZZZ');
    expect(response.status).toBe(404);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.status).toBe(404);
  });

  it('answers bad input with a 400 problem naming the field', async () => {
    for (const [path, field] of [
      ['/api/products?page_size=1000', 'page_size'],
      ['/api/products?page_token=garbage', 'page_token'],
      ['/api/products?q=%21%21%21', 'q'],
      ['/api/products/not-an-id', 'id'],
    ] as const) {
      const response = await api(path);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.contentType).toContain('application/problem+json');
      expect(JSON.stringify(response.body.errors)).toContain(field);
    }
  });

  it('exposes RED metrics on both services after traffic', async () => {
    await api('/api/products/OLJCESPC7Z');
    const gatewayMetrics = await (await fetch(`${system.gatewayUrl}/metrics`)).text();
    expect(gatewayMetrics).toMatch(/http_server_request_duration_seconds_count\{[^}]*http_route="\/api\/products\/:id"/);
    expect(gatewayMetrics).toMatch(/rpc_client_duration_seconds_count\{[^}]*rpc_method="GetProduct"/);
    const catalogMetrics = await (await fetch(`${system.catalogAdminUrl}/metrics`)).text();
    expect(catalogMetrics).toMatch(/rpc_server_duration_seconds_count\{[^}]*rpc_method="GetProduct"[^}]*\} [1-9]/);
  });

  it('answers 503 while the catalog is down, and recovers readiness of the gateway itself', async () => {
    await system.catalog.stop('SIGTERM', 15_000);
    const response = await api('/api/products');
    expect(response.status).toBe(503);
    expect(response.contentType).toContain('application/problem+json');
    expect((await fetch(`${system.gatewayUrl}/healthz`)).status).toBe(200);
  });
});
