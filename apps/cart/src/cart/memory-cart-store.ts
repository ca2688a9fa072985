import { byProductId, DEFAULT_CART_LIMITS, type CartLimits, type CartLine, type CartStore, type CartWrite, type PricedProduct } from './cart-store.js';

interface StoredCart {
  lines: Map<string, CartLine>;
  expiresAt: number;
}

export interface MemoryCartStoreOptions {
  ttlMs: number;
  limits?: CartLimits;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now?: () => number;
}

/**
 * The cart store of a single process without Redis (development, tests):
 * the same TTL semantics, expired carts are dropped lazily and by a sweep.
 * JavaScript runs each method to completion, so writes are atomic.
 */
export class MemoryCartStore implements CartStore {
  private readonly carts = new Map<string, StoredCart>();
  private readonly limits: CartLimits;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(private readonly options: MemoryCartStoreOptions) {
    this.limits = options.limits ?? DEFAULT_CART_LIMITS;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  async get(userId: string): Promise<CartLine[]> {
    return snapshot(this.live(userId));
  }

  async add(userId: string, product: PricedProduct, quantity: number): Promise<CartWrite> {
    const lines = this.live(userId)?.lines ?? new Map<string, CartLine>();
    const existing = lines.get(product.productId);
    if (!existing && lines.size >= this.limits.maxLines) return { ok: false, reason: 'cart-full' };
    const total = (existing?.quantity ?? 0) + quantity;
    if (total > this.limits.maxQuantityPerLine) return { ok: false, reason: 'line-limit', quantity: total };
    const other = [...lines.values()].find((line) => line.productId !== product.productId && line.currencyCode !== product.currencyCode);
    if (other) return { ok: false, reason: 'currency-mismatch', cartCurrency: other.currencyCode };
    lines.set(product.productId, { ...product, quantity: total });
    return { ok: true, lines: this.save(userId, lines) };
  }

  async setQuantity(userId: string, productId: string, quantity: number): Promise<CartWrite> {
    const cart = this.live(userId);
    const existing = cart?.lines.get(productId);
    if (!cart || !existing) return quantity === 0 ? { ok: true, lines: snapshot(cart) } : { ok: false, reason: 'missing-line' };
    if (quantity === 0) cart.lines.delete(productId);
    else cart.lines.set(productId, { ...existing, quantity });
    return { ok: true, lines: this.save(userId, cart.lines) };
  }

  async empty(userId: string): Promise<void> {
    this.carts.delete(userId);
  }

  /** Milliseconds until the user's cart expires, or undefined when there is none. */
  async remainingTtlMs(userId: string): Promise<number | undefined> {
    const cart = this.live(userId);
    return cart ? cart.expiresAt - this.now() : undefined;
  }

  async close(): Promise<void> {
    this.carts.clear();
  }

  private live(userId: string): StoredCart | undefined {
    const cart = this.carts.get(userId);
    if (cart && cart.expiresAt <= this.now()) {
      this.carts.delete(userId);
      return undefined;
    }
    return cart;
  }

  private save(userId: string, lines: Map<string, CartLine>): CartLine[] {
    const now = this.now();
    if (lines.size === 0) this.carts.delete(userId);
    else this.carts.set(userId, { lines, expiresAt: now + this.options.ttlMs });
    this.sweep(now);
    return snapshot(this.carts.get(userId));
  }

  /** Abandoned carts are never read again, so lazy expiry alone would keep them forever. */
  private sweep(now: number): void {
    if (now - this.lastSweep < Math.min(this.options.ttlMs, 60_000)) return;
    this.lastSweep = now;
    for (const [userId, cart] of this.carts) if (cart.expiresAt <= now) this.carts.delete(userId);
  }
}

function snapshot(cart: StoredCart | undefined): CartLine[] {
  return cart ? [...cart.lines.values()].map((line) => ({ ...line })).sort(byProductId) : [];
}
