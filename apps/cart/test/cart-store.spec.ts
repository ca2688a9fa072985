import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import { createLogger } from '@bazaar/observability';
import { waitFor } from '@bazaar/testing';
import type { CartStore, PricedProduct } from '../src/cart/cart-store.js';
import { MemoryCartStore } from '../src/cart/memory-cart-store.js';
import { RedisCartStore } from '../src/cart/redis-cart-store.js';
import { deleteKeys, TEST_REDIS_URL, uniqueKeyPrefix } from './support/redis-keys.js';

const logger = createLogger({ service: 'cart-store-test', level: 'silent' });
const MUG: PricedProduct = { productId: 'MUG', name: 'Mug', currencyCode: 'USD', unitMinor: 899n };
const PEN: PricedProduct = { productId: 'PEN', name: 'Pen', currencyCode: 'USD', unitMinor: 150n };
const limits = { maxQuantityPerLine: 99, maxLines: 3 };
const HOUR_MS = 3_600_000;

/** A store under test, with a way to age carts and to read what is left of their TTL. */
interface StoreUnderTest {
  store: CartStore;
  /** Makes the user's cart expire in `remainingMs` (as if time had passed). */
  age(userId: string, remainingMs: number): Promise<void>;
  remainingTtlMs(userId: string): Promise<number | undefined>;
  /** A store on the same data whose carts expire after `ttlMs`, and a way to let time pass for it. */
  shortLived(ttlMs: number): Promise<{ store: CartStore; elapse(ms: number): Promise<void> }>;
  stop(): Promise<void>;
}

async function redisStore(): Promise<StoreUnderTest> {
  const keyPrefix = uniqueKeyPrefix('store');
  const connect = (ttlMs: number) => RedisCartStore.connect({ url: TEST_REDIS_URL, keyPrefix, ttlMs, limits, logger });
  const admin = createClient({ url: TEST_REDIS_URL });
  await admin.connect();
  const store = await connect(HOUR_MS);
  const opened: CartStore[] = [store];
  return {
    store,
    age: async (userId, remainingMs) => void (await admin.pExpire(`${keyPrefix}${userId}`, remainingMs)),
    remainingTtlMs: async (userId) => {
      const ttl = await admin.pTTL(`${keyPrefix}${userId}`);
      return ttl >= 0 ? ttl : undefined;
    },
    shortLived: async (ttlMs) => {
      const short = await connect(ttlMs);
      opened.push(short);
      // Redis expires keys in real time.
      return { store: short, elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
    },
    stop: async () => {
      await Promise.all(opened.map((s) => s.close()));
      await deleteKeys(keyPrefix);
      await admin.close();
    },
  };
}

async function memoryStore(): Promise<StoreUnderTest> {
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now;
  const store = new MemoryCartStore({ ttlMs: HOUR_MS, limits, now: clock });
  return {
    store,
    age: async (userId, remainingMs) => {
      now += (await store.remainingTtlMs(userId))! - remainingMs;
    },
    remainingTtlMs: (userId) => store.remainingTtlMs(userId),
    shortLived: async (ttlMs) => ({
      store: new MemoryCartStore({ ttlMs, limits, now: clock }),
      elapse: async (ms) => {
        now += ms;
      },
    }),
    stop: () => store.close(),
  };
}

let nextUser = 0;
const newUser = () => `user-${++nextUser}`;

describe.each([
  ['Redis', redisStore],
  ['the in-process store', memoryStore],
])('cart store on %s', (_name, open) => {
  let subject: StoreUnderTest;
  beforeAll(async () => {
    subject = await open();
  });
  afterAll(async () => subject?.stop());

  it('adds, accumulates, sets and removes lines, sorted by product id', async () => {
    const user = newUser();
    expect(await subject.store.get(user)).toEqual([]);
    await subject.store.add(user, PEN, 2);
    const added = await subject.store.add(user, MUG, 1);
    expect(added).toEqual({ ok: true, lines: [{ ...MUG, quantity: 1 }, { ...PEN, quantity: 2 }] });
    const more = await subject.store.add(user, { ...MUG, name: 'Mug v2', unitMinor: 999n }, 3);
    expect(more.ok && more.lines[0]).toEqual({ ...MUG, name: 'Mug v2', unitMinor: 999n, quantity: 4 });
    expect(await subject.store.setQuantity(user, 'PEN', 7)).toMatchObject({ ok: true, lines: [{ quantity: 4 }, { productId: 'PEN', quantity: 7 }] });
    expect(await subject.store.setQuantity(user, 'PEN', 0)).toMatchObject({ ok: true, lines: [{ productId: 'MUG' }] });
    expect(await subject.store.setQuantity(user, 'PEN', 0)).toMatchObject({ ok: true, lines: [{ productId: 'MUG' }] });
    expect(await subject.store.setQuantity(user, 'PEN', 1)).toEqual({ ok: false, reason: 'missing-line' });
    await subject.store.empty(user);
    expect(await subject.store.get(user)).toEqual([]);
  });

  it('refuses a line above its cap, a line too many and a second currency, leaving the cart unchanged', async () => {
    const user = newUser();
    await subject.store.add(user, MUG, 98);
    expect(await subject.store.add(user, MUG, 2)).toEqual({ ok: false, reason: 'line-limit', quantity: 100 });
    expect(await subject.store.add(user, { ...PEN, currencyCode: 'EUR' }, 1)).toEqual({ ok: false, reason: 'currency-mismatch', cartCurrency: 'USD' });
    await subject.store.add(user, PEN, 1);
    await subject.store.add(user, { ...PEN, productId: 'INK' }, 1);
    expect(await subject.store.add(user, { ...PEN, productId: 'PAD' }, 1)).toEqual({ ok: false, reason: 'cart-full' });
    expect((await subject.store.get(user)).map((l) => [l.productId, l.quantity])).toEqual([
      ['INK', 1],
      ['MUG', 98],
      ['PEN', 1],
    ]);
  });

  it('loses no update when many adds race on one cart', async () => {
    const user = newUser();
    await Promise.all(Array.from({ length: 40 }, (_, i) => subject.store.add(user, i % 2 ? MUG : PEN, 2)));
    expect((await subject.store.get(user)).map((l) => l.quantity)).toEqual([40, 40]);
  });

  it('keeps carts of different users apart', async () => {
    const [alice, bob] = [newUser(), newUser()];
    await subject.store.add(alice, MUG, 1);
    await subject.store.add(bob, PEN, 5);
    expect((await subject.store.get(alice)).map((l) => l.productId)).toEqual(['MUG']);
    expect((await subject.store.get(bob)).map((l) => l.productId)).toEqual(['PEN']);
  });

  it('restarts the TTL on every write, not on reads', async () => {
    const user = newUser();
    await subject.store.add(user, MUG, 1);
    await subject.store.add(user, PEN, 1);
    expect(await subject.remainingTtlMs(user)).toBeGreaterThan(HOUR_MS - 60_000);
    const writes = [
      () => subject.store.add(user, MUG, 1),
      () => subject.store.setQuantity(user, 'MUG', 5),
      () => subject.store.setQuantity(user, 'MUG', 0),
    ];
    for (const write of writes) {
      await subject.age(user, 5_000);
      await subject.store.get(user);
      expect(await subject.remainingTtlMs(user)).toBeLessThanOrEqual(5_000);
      await write();
      expect(await subject.remainingTtlMs(user)).toBeGreaterThan(HOUR_MS - 60_000);
    }
  });

  it('drops a cart left untouched for the TTL', async () => {
    const { store, elapse } = await subject.shortLived(300);
    const user = newUser();
    await store.add(user, MUG, 1);
    expect(await store.get(user)).toHaveLength(1);
    await waitFor(
      async () => {
        await elapse(100);
        return (await store.get(user)).length === 0;
      },
      { timeoutMs: 5_000, intervalMs: 50, what: 'the idle cart to expire' },
    );
    expect(await store.add(user, PEN, 1)).toMatchObject({ ok: true, lines: [{ productId: 'PEN', quantity: 1 }] });
  });
});
