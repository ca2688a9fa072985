import { InvalidArgumentError } from '@bazaar/grpc';
import type { CartLimits } from './cart-store.js';

const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function requireProductId(productId: string): string {
  if (!productId) throw InvalidArgumentError.field('product_id', 'is required');
  if (!PRODUCT_ID.test(productId)) throw InvalidArgumentError.field('product_id', 'must be 1-64 characters A-Z, a-z, 0-9, _ or -');
  return productId;
}

/** AddItem adds 1..max per call. */
export function requireAddQuantity(quantity: number, limits: CartLimits): number {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > limits.maxQuantityPerLine) {
    throw InvalidArgumentError.field('quantity', `must be between 1 and ${limits.maxQuantityPerLine}`);
  }
  return quantity;
}

/** UpdateItem sets 0..max; 0 removes the line. */
export function requireLineQuantity(quantity: number, limits: CartLimits): number {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > limits.maxQuantityPerLine) {
    throw InvalidArgumentError.field('quantity', `must be between 0 (removes the line) and ${limits.maxQuantityPerLine}`);
  }
  return quantity;
}
