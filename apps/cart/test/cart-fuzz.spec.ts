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

  it('answers any RemoveItem with OK, INVALID_ARGUMENT or NOT_FOUND, and UNAUTHENTICATED only without a caller (property)', async () => {
    const removed = fc.oneof(productId, fc.string({ unit: 'binary', maxLength: 70 }), fc.constantFrom('', ' ', '\u0000', `${MUG.id}\u0000`, 'x'.repeat(65)));
    // A caller is a fresh user unless the metadata is odd: absent, blank, padded (HTTP/2 drops it) or over-long.
    const caller = fc.oneof(
      { weight: 4, arbitrary: fc.constant('fresh') },
      { weight: 1, arbitrary: fc.constantFrom(undefined, '', ' ', '  padded  ', 'x'.repeat(128), 'x'.repeat(129)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 140 }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(removed, { minLength: 1, maxLength: 4 }), caller, async (productIds, who) => {
        const user = who === 'fresh' ? `fuzz-${++run}` : who;
        const options = user === undefined ? {} : as(user);
        const known = user !== undefined && user.length > 0 && user.length <= 128 && user === user.trim();
        if (known) {
          await cart.client.emptyCart({}, options); // an odd id may come up again
          await cart.client.addItem({ productId: MUG.id, quantity: 2 }, options);
        }
        for (const id of productIds) {
          const code = await cart.client.removeItem({ productId: id }, options).then(
            () => GrpcStatus.OK,
            (error: { code: number }) => error.code,
          );
          if (known) expect(EXPECTED.has(code)).toBe(true);
          else expect([...EXPECTED, GrpcStatus.UNAUTHENTICATED]).toContain(code);
        }
        if (known) {
          const { cart: final } = await cart.client.getCart({}, options);
          expect(final!.items.map((item) => item.productId)).toEqual(productIds.includes(MUG.id) ? [] : [MUG.id]);
        }
      }),
      { numRuns: 60, examples: [[['\u0000', `${MUG.id}\u0000`, MUG.id, MUG.id], 'fresh']] },
    );
    // still serving a valid caller
    const user = `fuzz-${++run}`;
    await cart.client.addItem({ productId: SUNGLASSES.id, quantity: 1 }, as(user));
    expect((await cart.client.removeItem({ productId: SUNGLASSES.id }, as(user))).cart?.items).toEqual([]);
  });
});
