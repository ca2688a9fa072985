import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidArgumentError, NotFoundError } from '@bazaar/grpc';
import { freePort } from '@bazaar/testing';
import { FakeCatalog, MUG, SUNGLASSES } from './support/fake-catalog.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const PROBLEM_JSON = 'application/problem+json';

describe('gateway products API over a real gRPC catalog double', () => {
  let catalog: FakeCatalog;
  let gateway: TestGateway;

  beforeAll(async () => {
    catalog = await new FakeCatalog().start();
    // A short request deadline and a long per-call timeout: a 504 proves the request's deadline reached gRPC.
    gateway = await startTestGateway({
      CATALOG_ADDRESS: `127.0.0.1:${catalog.port}`,
      REQUEST_TIMEOUT_MS: '400',
      UPSTREAM_TIMEOUT_MS: '20000',
    });
  });
  afterAll(async () => {
    await gateway?.shutdown('test done');
    catalog?.stop();
  });
  beforeEach(() => catalog.reset());

  it('lists products as proto3 JSON', async () => {
    const res = await gateway.get('/api/products?page_size=2&category=accessories');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      products: [
        {
          id: 'OLJCESPC7Z',
          name: 'Sunglasses',
          description: 'Add a modern touch to your outfits.',
          categories: ['accessories'],
          price: { currencyCode: 'USD', units: '19', nanos: 990000000 },
          imagePath: '/static/img/products/sunglasses.jpg',
        },
        { id: MUG.id, name: 'Mug', categories: ['kitchen'], price: { currencyCode: 'USD', units: '8', nanos: 990000000 } },
      ],
      nextPageToken: 'next-1',
    });
    expect(catalog.calls).toMatchObject([{ method: 'listProducts', request: { pageSize: 2, category: 'accessories', pageToken: '' } }]);
  });

  it('searches when q is given, and always returns products and nextPageToken', async () => {
    catalog.on('searchProducts', () => ({ products: [], nextPageToken: '' }));
    const res = await gateway.get('/api/products?q=blue%20mug&page_token=abc_-1');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ products: [], nextPageToken: '' });
    expect(catalog.calls).toMatchObject([{ method: 'searchProducts', request: { query: 'blue mug', pageSize: 0, pageToken: 'abc_-1' } }]);
  });

  it('gets one product', async () => {
    const res = await gateway.get(`/api/products/${SUNGLASSES.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: SUNGLASSES.id, name: 'Sunglasses', price: { currencyCode: 'USD' } });
  });

  it('maps NOT_FOUND to a 404 problem', async () => {
    catalog.on('getProduct', (request) => {
      throw new NotFoundError('product', request.id);
    });
    const res = await gateway.get('/api/products/ZZZZZZZZZZ');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'product "ZZZZZZZZZZ" was not found.', instance: '/api/products/ZZZZZZZZZZ' });
    expect(body['requestId']).toBe(res.headers.get('x-request-id'));
  });

  it('maps INVALID_ARGUMENT with field violations to a 400 problem listing the fields (named as in HTTP)', async () => {
    catalog.on('searchProducts', () => {
      throw new InvalidArgumentError([
        { field: 'query', description: 'must contain at least one letter or digit' },
        { field: 'page_token', description: 'belongs to a different query; start again without a token' },
      ]);
    });
    const res = await gateway.get('/api/products?q=x&page_token=abc');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(await res.json()).toMatchObject({
      status: 400,
      title: 'Bad Request',
      errors: [
        { field: 'q', description: 'must contain at least one letter or digit' },
        { field: 'page_token', description: 'belongs to a different query; start again without a token' },
      ],
    });
  });

  it.each([
    ['/api/products?page_size=101', 'page_size'],
    ['/api/products?page_size=-1', 'page_size'],
    ['/api/products?page_size=1.5', 'page_size'],
    ['/api/products?page_size=ten', 'page_size'],
    ['/api/products?page_size=1&page_size=2', 'page_size'],
    ['/api/products?page_token=not%20a%20token', 'page_token'],
    ['/api/products?category=Kitchen', 'category'],
    ['/api/products?q=mug&category=kitchen', 'category'],
    ['/api/products?q=%21%21%21', 'q'],
    [`/api/products?q=${'a'.repeat(201)}`, 'q'],
    ['/api/products/..%2F..%2Fetc', 'id'],
  ])('rejects %s at the edge with a 400 naming %s, without calling the catalog', async (path, field) => {
    const res = await gateway.get(path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toContain(field);
    expect(catalog.calls).toHaveLength(0);
  });

  it('answers 504 when the catalog is slower than the request deadline', async () => {
    catalog.on('getProduct', async () => {
      await sleep(2_000, undefined, { ref: false });
      return { product: SUNGLASSES };
    });
    const res = await gateway.get(`/api/products/${SUNGLASSES.id}`);
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ status: 504, title: 'Gateway Timeout', detail: 'An upstream service did not answer in time.' });
  });

  it('propagates the request deadline and a sane incoming X-Request-Id to gRPC, and echoes it', async () => {
    const res = await gateway.get(`/api/products/${SUNGLASSES.id}`, { 'x-request-id': 'req-1234.abc' });
    expect(res.headers.get('x-request-id')).toBe('req-1234.abc');
    const [call] = catalog.calls;
    expect(call!.metadata.get('x-request-id')).toEqual(['req-1234.abc']);
    const deadline = new Date(call!.deadline).getTime();
    expect(deadline).toBeLessThanOrEqual(Date.now() + 400);
  });

  it('replaces an unsafe X-Request-Id with a generated one', async () => {
    const res = await gateway.get('/api/products/nope!', { 'x-request-id': 'bad id with spaces' });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as { requestId: string }).requestId).toBe(id);
  });

  it('never relays upstream internals: an unexpected INTERNAL becomes a generic 502', async () => {
    catalog.on('listProducts', () => {
      throw new Error('relation "products" does not exist at 10.0.0.7');
    });
    const res = await gateway.get('/api/products');
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text).not.toContain('10.0.0.7');
    expect(JSON.parse(text)).toMatchObject({ status: 502, detail: 'An upstream service failed.' });
  });
});

describe('gateway with no catalog listening', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ CATALOG_ADDRESS: `127.0.0.1:${await freePort()}`, LOG_LEVEL: 'silent' });
  });
  afterAll(() => gateway?.shutdown('test done'));

  it('answers 503 problem+json without leaking the address', async () => {
    const res = await gateway.get('/api/products');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
    const text = await res.text();
    expect(text).not.toContain('127.0.0.1');
    expect(JSON.parse(text)).toMatchObject({ status: 503, title: 'Service Unavailable' });
  });
});
