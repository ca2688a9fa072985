import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startSystem, type RunningSystem } from './system.js';

/** Property: whatever a client sends, the gateway answers 2xx or 4xx — never 5xx, never a hang or a crash. */
describe('gateway under arbitrary input (real catalog)', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => system?.stop());

  const nasty = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.constantFrom('../../etc/passwd', '%', '%00', '%ff%fe', "' OR 1=1 --", ':*', '&|!', '\u0000', 'a'.repeat(5000), '-1', '1e9', 'NaN'),
  );

  async function statusOf(path: string): Promise<number> {
    const response = await fetch(`${system.gatewayUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  }

  it('query strings, ids and page tokens never cause a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, nasty, nasty, async (q, id, token, size) => {
        const e = encodeURIComponent;
        for (const path of [
          `/api/products?q=${e(q)}`,
          `/api/products?page_token=${e(token)}&page_size=${e(size)}`,
          `/api/products?q=${e(q)}&page_token=${e(token)}`,
          `/api/products/${e(id)}`,
        ]) {
          const status = await statusOf(path);
          if (status >= 500 || status < 200) throw new Error(`${path} → ${status}\n${system.logs().split('\n').slice(-20).join('\n')}`);
        }
      }),
      { numRuns: 60 },
    );
    // still healthy afterwards
    expect(await statusOf('/api/products')).toBe(200);
  });
});
