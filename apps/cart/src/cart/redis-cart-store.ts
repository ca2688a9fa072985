import { createClient } from 'redis';
import { UnavailableError } from '@bazaar/grpc';
import type { Logger } from '@bazaar/observability';
import { byProductId, DEFAULT_CART_LIMITS, type CartLimits, type CartLine, type CartStore, type CartWrite, type PricedProduct } from './cart-store.js';
import { ADD_ITEM, SET_QUANTITY, sha1 } from './redis-scripts.js';

const MAX_RECONNECT_DELAY_MS = 3_000;

/** A node-redis client; a rediss:// URL makes it speak TLS (ElastiCache in-transit encryption). */
export function createRedisClient(url: string) {
  return createClient({
    url,
    // Fail calls fast while reconnecting instead of queueing them past their deadline.
    disableOfflineQueue: true,
    socket: { connectTimeout: 5_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) },
  });
}

type RedisClient = ReturnType<typeof createRedisClient>;

export interface RedisCartStoreOptions {
  /** redis:// or rediss:// (TLS); may carry credentials, so it is never logged. */
  url: string;
  keyPrefix: string;
  ttlMs: number;
  limits?: CartLimits;
  logger: Logger;
}

interface StoredLine {
  name: string;
  currency: string;
  unitMinor: string;
  quantity: number;
}

/** Carts in Redis (ElastiCache in AWS): one hash per cart, expiring after the TTL. */
export class RedisCartStore implements CartStore {
  private readonly limits: CartLimits;

  private constructor(
    private readonly client: RedisClient,
    private readonly options: RedisCartStoreOptions,
  ) {
    this.limits = options.limits ?? DEFAULT_CART_LIMITS;
  }

  /** Connects (retrying with backoff until Redis answers) and returns the store. */
  static async connect(options: RedisCartStoreOptions): Promise<RedisCartStore> {
    const client = createRedisClient(options.url);
    client.on('error', (error: Error) => options.logger.warn({ err: { name: error.name, message: error.message } }, 'redis connection error'));
    await client.connect();
    return new RedisCartStore(client, options);
  }

  async get(userId: string): Promise<CartLine[]> {
    const fields = await this.call(() => this.client.hGetAll(this.key(userId)));
    return toLines(Object.entries(fields).flat());
  }

  async add(userId: string, product: PricedProduct, quantity: number): Promise<CartWrite> {
    const args = [product.productId, String(quantity), product.name, product.currencyCode, product.unitMinor.toString()];
    const limits = [String(this.limits.maxQuantityPerLine), String(this.limits.maxLines), String(this.options.ttlMs)];
    return toWrite(await this.run(ADD_ITEM, userId, [...args, ...limits]));
  }

  async setQuantity(userId: string, productId: string, quantity: number): Promise<CartWrite> {
    return toWrite(await this.run(SET_QUANTITY, userId, [productId, String(quantity), String(this.options.ttlMs)]));
  }

  async empty(userId: string): Promise<void> {
    await this.call(() => this.client.del(this.key(userId)));
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }

  private key(userId: string): string {
    return `${this.options.keyPrefix}${userId}`;
  }

  /** EVALSHA, loading the script with EVAL when Redis does not know it yet (first call, restart, failover). */
  private async run(script: string, userId: string, args: string[]): Promise<string[]> {
    const options = { keys: [this.key(userId)], arguments: args };
    const reply = await this.call(async () => {
      try {
        return await this.client.evalSha(sha1(script), options);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return this.client.eval(script, options);
      }
    });
    return (reply as unknown[]).map(String);
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      this.options.logger.warn({ err: { name, message } }, 'redis command failed');
      throw new UnavailableError('cart storage is unavailable');
    }
  }
}

function toWrite([status, ...rest]: string[]): CartWrite {
  switch (status) {
    case 'ok':
      return { ok: true, lines: toLines(rest) };
    case 'line-limit':
      return { ok: false, reason: 'line-limit', quantity: Number(rest[0]) };
    case 'cart-full':
      return { ok: false, reason: 'cart-full' };
    case 'currency-mismatch':
      return { ok: false, reason: 'currency-mismatch', cartCurrency: rest[0] ?? '' };
    case 'missing-line':
      return { ok: false, reason: 'missing-line' };
    default:
      throw new Error(`unexpected cart script reply ${String(status)}`);
  }
}

/** HGETALL's flat [field, value, …] → lines ordered by product id. */
function toLines(flat: string[]): CartLine[] {
  const lines: CartLine[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const [productId = '', json = '{}'] = flat.slice(i, i + 2);
    const stored = JSON.parse(json) as StoredLine;
    lines.push({ productId, name: stored.name, quantity: stored.quantity, currencyCode: stored.currency, unitMinor: BigInt(stored.unitMinor) });
  }
  return lines.sort(byProductId);
}
