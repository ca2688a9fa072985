import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GrpcStatus, UnavailableError } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { waitFor } from '@bazaar/testing';
import { RedisCartStore } from '../src/cart/redis-cart-store.js';
import { deleteKeys, uniqueKeyPrefix } from './support/redis-keys.js';
import { TcpProxy } from './support/tcp-proxy.js';

const logger = createLogger({ service: 'cart-outage-test', level: 'silent' });
const MUG = { productId: 'MUG', name: 'Mug', currencyCode: 'USD', unitMinor: 899n };

describe('cart store when Redis goes away', () => {
  const keyPrefix = uniqueKeyPrefix('outage');
  let proxy: TcpProxy;
  let store: RedisCartStore;

  beforeAll(async () => {
    proxy = await new TcpProxy('127.0.0.1', 6379).start();
    store = await RedisCartStore.connect({ url: `redis://127.0.0.1:${proxy.port}`, keyPrefix, ttlMs: 60_000, logger });
  });

  afterAll(async () => {
    await store?.close();
    await proxy?.stop();
    await deleteKeys(keyPrefix);
  });

  it('fails calls fast with UNAVAILABLE (never INTERNAL) and recovers when Redis is back', async () => {
    await store.add('alice', MUG, 2);
    await proxy.cut();
    for (const call of [store.get('alice'), store.add('alice', MUG, 1), store.setQuantity('alice', 'MUG', 0), store.empty('alice')]) {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UnavailableError);
      expect((error as { code: number }).code).toBe(GrpcStatus.UNAVAILABLE);
    }
    await proxy.start();
    const lines = await waitFor(() => store.get('alice'), { timeoutMs: 15_000, intervalMs: 200, what: 'redis to be reachable again' });
    expect(lines.map((l) => l.quantity)).toEqual([2]);
  });
});
