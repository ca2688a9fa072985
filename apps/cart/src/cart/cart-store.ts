/** One product line of a cart, priced in integer minor units (cents). */
export interface CartLine {
  productId: string;
  name: string;
  quantity: number;
  currencyCode: string;
  unitMinor: bigint;
}

/** What AddItem puts in a line besides the quantity: the catalog's current name and price. */
export type PricedProduct = Omit<CartLine, 'quantity'>;

export interface CartLimits {
  maxQuantityPerLine: number;
  maxLines: number;
}

export const DEFAULT_CART_LIMITS: CartLimits = { maxQuantityPerLine: 99, maxLines: 50 };

/** Why a write was refused; the cart is left unchanged. */
export type CartRefusal =
  | { reason: 'line-limit'; quantity: number }
  | { reason: 'cart-full' }
  | { reason: 'currency-mismatch'; cartCurrency: string }
  | { reason: 'missing-line' };

export type CartWrite = { ok: true; lines: CartLine[] } | ({ ok: false } & CartRefusal);

/**
 * One cart per user. Every write is atomic per cart (concurrent AddItems never
 * lose an update) and restarts the cart's time to live; a cart untouched for
 * the TTL disappears.
 */
export interface CartStore {
  get(userId: string): Promise<CartLine[]>;
  /** Adds `quantity` to the product's line (creating it), refreshing its name and unit price. */
  add(userId: string, product: PricedProduct, quantity: number): Promise<CartWrite>;
  /** Sets a line's quantity; 0 removes it (a no-op when absent). Refuses an absent line otherwise. */
  setQuantity(userId: string, productId: string, quantity: number): Promise<CartWrite>;
  empty(userId: string): Promise<void>;
  close(): Promise<void>;
}

export function byProductId(a: CartLine, b: CartLine): number {
  return a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;
}
