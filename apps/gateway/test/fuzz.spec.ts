import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InvalidArgumentError, NotFoundError } from '@bazaar/grpc';
import { FakeCatalog, MUG } from './support/fake-catalog.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { rawGet, type RawResponse } from './support/raw-get.js';

const NUM_RUNS = 100;

/** Strings that have broken routers and parsers before, mixed with arbitrary ones. */
const nasty = fc.oneof(
  fc.constantFrom('', '%', '%%', '%0', '%E0%A4%A', '%00', '%2F', '%2e%2e%2f', '../../etc/passwd', '..%2F..%2F', '\u0000', '\uD800', '😀', 'ﷺ', '%F0%9F%98%80', '?', '#', '&', '=', '+', ' ', '\\', '[]', '__proto__', 'constructor', '-1', '1e309', '0x10', '100', '101'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('%', 'A', 'f', '0', '/', '.', '&', '='), maxLength: 60 }),
  fc.string({ minLength: 300, maxLength: 5_000 }),
);
const maybeEncoded = fc.tuple(nasty, fc.boolean()).map(([value, encode]) => (encode && value.isWellFormed() ? encodeURIComponent(value) : value));
const paramName = fc.oneof(fc.constantFrom('q', 'category', 'page_size', 'page_token'), maybeEncoded);

function expectClientOutcome(res: RawResponse): void {
  expect(res.status).toBeGreaterThanOrEqual(200);
  expect(res.status).toBeLessThan(500);
  expect(res.headers['x-request-id']).toBeTruthy();
  const body = JSON.parse(res.body) as { status?: number };
  if (res.status >= 400) {
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body.status).toBe(res.status);
  }
}

describe('gateway under arbitrary input (property-based)', () => {
  let catalog: FakeCatalog;
  let gateway: TestGateway;

  beforeAll(async () => {
    catalog = await new FakeCatalog().start();
    // Behave like the real catalog on the paths the edge lets through.
    catalog.on('getProduct', (request) => {
      throw new NotFoundError('product', request.id);
    });
    catalog.on('listProducts', (request) => {
      if (request.pageToken) throw InvalidArgumentError.field('page_token', 'is not a token returned by this API');
      return { products: [MUG], nextPageToken: '' };
    });
    gateway = await startTestGateway({ CATALOG_ADDRESS: `127.0.0.1:${catalog.port}`, LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await gateway?.shutdown('test done');
    catalog?.stop();
  });

  it('answers any query string on /api/products with 2xx/4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(paramName, maybeEncoded), { maxLength: 6 }), async (params) => {
        const query = params.map(([name, value]) => `${name}=${value}`).join('&');
        expectClientOutcome(await rawGet(gateway.port, `/api/products?${query}`));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('answers any product id or path below /api/products with 2xx/4xx', async () => {
    await fc.assert(
      fc.asyncProperty(maybeEncoded, async (id) => {
        expectClientOutcome(await rawGet(gateway.port, `/api/products/${id}`));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('echoes a sane X-Request-Id and replaces anything else', async () => {
    const headerValue = fc.string({ unit: fc.constantFrom(...'Az09._:+/=- !"<>{}'.split('')), minLength: 1, maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(headerValue, async (requestId) => {
        const res = await rawGet(gateway.port, '/api/products/x%', { 'x-request-id': requestId });
        expectClientOutcome(res);
        const echoed = res.headers['x-request-id'];
        const received = requestId.trim(); // HTTP drops surrounding whitespace of header values
        if (/^[A-Za-z0-9._:+/=-]{1,128}$/.test(received)) expect(echoed).toBe(received);
        else expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
