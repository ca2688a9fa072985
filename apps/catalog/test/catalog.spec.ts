import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { catalogV1, contractProtos } from '@bazaar/contracts';
import { createGrpcClient, GrpcStatus, loadIdempotentMethods, readErrorDetails, type GrpcClient, type RunningGrpcService } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { createTestDatabase, expectGrpcRejection, freePort, waitFor, type TestDatabase } from '@bazaar/testing';
import { catalogConfigSchema } from '../src/config.js';
import { startCatalogService } from '../src/catalog-service.js';
import { seedProducts } from '../src/db/seed-products.js';
import { healthStatus, listServicesByReflection, watchHealth } from './grpc-probes.js';

type Catalog = GrpcClient<typeof catalogV1.CatalogServiceService>;
const logger = createLogger({ service: 'catalog-test', level: 'silent' });
const list = (p: Partial<catalogV1.ListProductsRequest> = {}) => catalogV1.ListProductsRequest.fromPartial(p);
const search = (p: Partial<catalogV1.SearchProductsRequest>) => catalogV1.SearchProductsRequest.fromPartial(p);

async function startOn(databaseUrl: string | undefined) {
  const [grpcPort, adminPort] = [await freePort(), await freePort()];
  const config = catalogConfigSchema.parse({
    GRPC_PORT: String(grpcPort),
    ADMIN_PORT: String(adminPort),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: 'memory://',
  });
  const service = await startCatalogService(config, logger);
  const address = `127.0.0.1:${grpcPort}`;
  const client: Catalog = createGrpcClient(catalogV1.CatalogServiceService, {
    address,
    timeoutMs: 5_000,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  return { service, client, address, adminPort };
}

const backends: [string, () => Promise<{ url?: string; drop(): Promise<void> }>][] = [
  ['PostgreSQL', () => createTestDatabase({ prefix: 'catalog' })],
  ['PGlite', async () => ({ url: undefined, drop: async () => undefined })],
];

describe.each(backends)('catalog on %s', (_name, makeDatabase) => {
  let database: Awaited<ReturnType<typeof makeDatabase>>;
  let running: Awaited<ReturnType<typeof startOn>>;

  beforeAll(async () => {
    database = await makeDatabase();
    running = await startOn(database.url);
  });

  afterAll(async () => {
    running?.client.close();
    await running?.service.shutdown('test done');
    await database?.drop();
  });

  it('seeds at least 50 products and pages through all of them in id order', async () => {
    const seen: string[] = [];
    let pageToken = '';
    do {
      const page = await running.client.listProducts(list({ pageSize: 7, pageToken }));
      expect(page.products.length).toBeLessThanOrEqual(7);
      seen.push(...page.products.map((p) => p.id));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen.length).toBe(seedProducts.length);
    expect(seen.length).toBeGreaterThanOrEqual(50);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('returns 20 products by default, with money as units + nanos', async () => {
    const page = await running.client.listProducts(list());
    expect(page.products).toHaveLength(20);
    expect(page.nextPageToken).not.toBe('');
    const mug = (await running.client.getProduct({ id: '6E92ZMYYFZ' })).product!;
    expect(mug.price).toEqual({ currencyCode: 'USD', units: '8', nanos: 990_000_000 });
    expect(mug.categories).toEqual(['kitchen']);
  });

  it('filters by category', async () => {
    const page = await running.client.listProducts(list({ category: 'footwear', pageSize: 100 }));
    expect(page.products.length).toBeGreaterThan(2);
    expect(page.products.every((p) => p.categories.includes('footwear'))).toBe(true);
  });

  it('rejects bad paging with INVALID_ARGUMENT naming the field', async () => {
    const tooBig = readErrorDetails(await expectGrpcRejection(running.client.listProducts(list({ pageSize: 101 })), GrpcStatus.INVALID_ARGUMENT));
    expect(tooBig.fieldViolations?.map((v) => v.field)).toEqual(['page_size']);

    const garbage = readErrorDetails(await expectGrpcRejection(running.client.listProducts(list({ pageToken: 'not-a-token' })), GrpcStatus.INVALID_ARGUMENT));
    expect(garbage.fieldViolations?.map((v) => v.field)).toEqual(['page_token']);

    const kitchenToken = (await running.client.listProducts(list({ category: 'kitchen', pageSize: 1 }))).nextPageToken;
    const replayed = readErrorDetails(await expectGrpcRejection(running.client.listProducts(list({ category: 'garden', pageToken: kitchenToken })), GrpcStatus.INVALID_ARGUMENT));
    expect(replayed.fieldViolations?.[0]?.description).toMatch(/different query/);
  });

  it('gets one product, NOT_FOUND for an unknown id, INVALID_ARGUMENT for a malformed one', async () => {
    const { product } = await running.client.getProduct({ id: 'OLJCESPC7Z' });
    expect(product?.name).toBe('Vintage Typewriter');
    const missing = readErrorDetails(await expectGrpcRejection(running.client.getProduct({ id: 'ZZZZZZZZZZ' }), GrpcStatus.NOT_FOUND));
    expect(missing.resourceInfo).toEqual({ resourceType: 'product', resourceName: 'ZZZZZZZZZZ' });
    const malformed = readErrorDetails(await expectGrpcRejection(running.client.getProduct({ id: "1' OR '1'='1" }), GrpcStatus.INVALID_ARGUMENT));
    expect(malformed.fieldViolations?.[0]?.field).toBe('id');
  });

  it('searches with the database full-text index, best match first, prefixes included', async () => {
    const mugs = await running.client.searchProducts(search({ query: 'mug' }));
    expect(mugs.products[0]?.name).toBe('Mug');
    const kitchen = await running.client.searchProducts(search({ query: 'kitch', pageSize: 100 }));
    expect(kitchen.products.length).toBeGreaterThan(5);
    const none = await running.client.searchProducts(search({ query: 'zeppelin' }));
    expect(none.products).toEqual([]);
    expect(none.nextPageToken).toBe('');
  });

  it('pages search results without repeats', async () => {
    const first = await running.client.searchProducts(search({ query: 'kitchen', pageSize: 3 }));
    const second = await running.client.searchProducts(search({ query: 'kitchen', pageSize: 3, pageToken: first.nextPageToken }));
    const ids = [...first.products, ...second.products].map((p) => p.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('rejects empty and symbol-only queries with INVALID_ARGUMENT on query', async () => {
    for (const query of ['', '   ', '!!! & | :*']) {
      const error = readErrorDetails(await expectGrpcRejection(running.client.searchProducts(search({ query })), GrpcStatus.INVALID_ARGUMENT));
      expect(error.fieldViolations?.[0]?.field).toBe('query');
    }
  });
});

describe('catalog server plumbing', () => {
  it('serves reflection and health, and reports NOT_SERVING while shutting down', async () => {
    const [grpcPort, adminPort] = [await freePort(), await freePort()];
    const config = catalogConfigSchema.parse({
      GRPC_PORT: String(grpcPort),
      ADMIN_PORT: String(adminPort),
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      SHUTDOWN_DELAY_MS: '1500',
    });
    const service: RunningGrpcService = await startCatalogService(config, logger);
    const address = `127.0.0.1:${grpcPort}`;
    expect(await listServicesByReflection(address)).toEqual(['bazaar.catalog.v1.CatalogService', 'grpc.health.v1.Health']);
    expect(await healthStatus(address)).toBe('SERVING');
    expect(await healthStatus(address, 'bazaar.catalog.v1.CatalogService')).toBe('SERVING');
    const ready = await fetch(`http://127.0.0.1:${adminPort}/readyz`);
    expect(ready.status).toBe(200);

    const watch = watchHealth(address, 'bazaar.catalog.v1.CatalogService');
    await waitFor(async () => watch.statuses.length > 0, { what: 'the first Health/Watch status' });

    const stopped = service.shutdown('test');
    await new Promise((r) => setTimeout(r, 200));
    expect(await healthStatus(address)).toBe('NOT_SERVING');
    // a watcher (a load balancer, a mesh) hears the change without polling
    await waitFor(async () => watch.statuses.includes('NOT_SERVING'), { what: 'Health/Watch to stream NOT_SERVING' });
    expect(watch.statuses[0]).toBe('SERVING');
    watch.cancel();
    expect((await fetch(`http://127.0.0.1:${adminPort}/readyz`)).status).toBe(503);
    await stopped;
  });
});

describe('catalog on a reused PostgreSQL database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'catalog_restart' });
  });
  afterAll(async () => database?.drop());

  it('does not seed twice across restarts', async () => {
    for (let start = 0; start < 2; start++) {
      const running = await startOn(database.url);
      const page = await running.client.listProducts(list({ pageSize: 100 }));
      expect(page.products).toHaveLength(seedProducts.length);
      running.client.close();
      await running.service.shutdown('restart');
    }
  });
});
