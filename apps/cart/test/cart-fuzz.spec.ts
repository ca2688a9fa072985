import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { moneyToMinorUnits } from '@bazaar/contracts';
import { GrpcStatus } from '@bazaar/grpc';
import { as, startCart, type RunningCart } from './support/cart-harness.js';
import { FakeCatalog, MUG, SUNGLASSES } from './support/fake-catalog.js';
import { deleteKeys, TEST_REDIS_URL, uniqueKeyPrefix } from './support/redis-keys.js';

const redisPrefix = uniqueKeyPrefix('fuzz');
const stores: [string, Record<string, string | undefined>][] = [
  ['Redis', { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix }],
  ['the in-process store', { REDIS_URL: undefined }],
];

const EXPECTED = new Set([GrpcStatus.OK, GrpcStatus.INVALID_ARGUMENT, GrpcStatus.NOT_FOUND]);

const productId = fc.oneof(
  fc.constantFrom(MUG.id, SUNGLASSES.id, 'NOSUCHTHNG'),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const quantity = fc.oneof(fc.integer({ min: -3, max: 102 }), fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }));
const command = fc.record({ kind: fc.constantFrom('add' as const, 'update' as const), productId, quantity });

let run = 0;

describe.each(stores)('cart service fuzzed on %s', (_name, storeEnv) => {
  let catalog: FakeCatalog;
  let cart: RunningCart;

  beforeAll(async () => {
    catalog = await new FakeCatalog().start();
    cart = await startCart({ ...storeEnv, CATALOG_ADDRESS: catalog.address });
  });

  afterAll(async () => {
    await cart?.stop();
    catalog?.stop();
    await deleteKeys(redisPrefix);
  });

  it('answers any AddItem/UpdateItem with OK, INVALID_ARGUMENT or NOT_FOUND, keeping the cart consistent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
        const user = `fuzz-${++run}`;
        for (const { kind, productId, quantity } of commands) {
          const call =
            kind === 'add'
              ? cart.client.addItem({ productId, quantity }, as(user))
              : cart.client.updateItem({ productId, quantity }, as(user));
          const code = await call.then(
            () => GrpcStatus.OK,
            (error: { code: number }) => error.code,
          );
          expect(EXPECTED.has(code)).toBe(true);
        }
        const { cart: final } = await cart.client.getCart({}, as(user));
        let total = 0n;
        for (const item of final!.items) {
          expect(item.quantity).toBeGreaterThanOrEqual(1);
          expect(item.quantity).toBeLessThanOrEqual(99);
          expect(moneyToMinorUnits(item.lineTotal!)).toBe(moneyToMinorUnits(item.unitPrice!) * BigInt(item.quantity));
          total += moneyToMinorUnits(item.lineTotal!);
        }
        expect(moneyToMinorUnits(final!.total!)).toBe(total);
      }),
      { numRuns: 25 },
    );
  });
});
