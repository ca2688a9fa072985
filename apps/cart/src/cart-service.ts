import { cartV1, catalogV1, contractProtos } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, serveGrpc, type RunningGrpcService } from '@bazaar/grpc';
import type { Logger } from '@bazaar/observability';
import { CartModule } from './cart.module.js';
import { DEFAULT_CART_LIMITS, type CartStore } from './cart/cart-store.js';
import { MemoryCartStore } from './cart/memory-cart-store.js';
import type { CatalogClient } from './cart/product-pricing.js';
import { RedisCartStore } from './cart/redis-cart-store.js';
import type { CartConfig } from './config.js';

/** Redis when REDIS_URL is set, otherwise carts live in this process only. */
export async function openCartStore(config: CartConfig, logger: Logger): Promise<CartStore> {
  const ttlMs = config.CART_TTL_SECONDS * 1_000;
  if (!config.REDIS_URL) {
    logger.warn('REDIS_URL is not set: carts live in this process only');
    return new MemoryCartStore({ ttlMs });
  }
  const store = await RedisCartStore.connect({ url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, ttlMs, logger });
  logger.info({ tls: config.REDIS_URL.startsWith('rediss:') }, 'cart store connected to redis');
  return store;
}

/** Connects the cart store and serves CartService, pricing items from the catalog. */
export async function startCartService(config: CartConfig, logger: Logger): Promise<RunningGrpcService> {
  const store = await openCartStore(config, logger);
  const catalog: CatalogClient = createGrpcClient(catalogV1.CatalogServiceService, {
    address: config.CATALOG_ADDRESS,
    timeoutMs: config.CATALOG_TIMEOUT_MS,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  try {
    return await serveGrpc(config, logger, {
      module: CartModule.with({ store, catalog, limits: DEFAULT_CART_LIMITS }),
      services: [cartV1.CartServiceService],
      protos: contractProtos,
    });
  } catch (error) {
    catalog.close();
    await store.close();
    throw error;
  }
}
