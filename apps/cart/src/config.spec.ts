import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@bazaar/config';
import { cartConfigSchema } from './config.js';

describe('cart config', () => {
  it('defaults to the documented ports, the local catalog, no Redis and a 7-day TTL', () => {
    const config = loadConfig('cart', cartConfigSchema, {});
    expect(config).toMatchObject({
      GRPC_PORT: 50052,
      ADMIN_PORT: 9102,
      CATALOG_ADDRESS: 'localhost:50051',
      REDIS_URL: undefined,
      CART_TTL_SECONDS: 604_800,
    });
  });

  it('accepts redis:// and rediss:// (TLS) URLs', () => {
    for (const url of ['redis://127.0.0.1:6379', 'rediss://:token@master.cart.abc123.use1.cache.amazonaws.com:6379/0']) {
      expect(loadConfig('cart', cartConfigSchema, { REDIS_URL: url }).REDIS_URL).toBe(url);
    }
  });

  it('rejects other URLs and a non-positive TTL, never echoing credentials', () => {
    let error: unknown;
    try {
      loadConfig('cart', cartConfigSchema, { REDIS_URL: 'http://user:hunter2@redis:6379', CART_TTL_SECONDS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable).sort()).toEqual(['CART_TTL_SECONDS', 'REDIS_URL']);
    expect((error as Error).message).not.toContain('hunter2');
  });
});
