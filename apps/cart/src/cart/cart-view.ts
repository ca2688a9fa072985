import { cartV1, money } from '@bazaar/contracts';
import type { CartLine } from './cart-store.js';

/** The currency an empty cart's zero total is shown in. */
export const DEFAULT_CURRENCY = 'USD';

/** Lines → the wire Cart; every amount is computed in integer minor units. */
export function toCartMessage(userId: string, lines: CartLine[]): cartV1.Cart {
  const currency = lines[0]?.currencyCode ?? DEFAULT_CURRENCY;
  let total = 0n;
  const items = lines.map((line): cartV1.CartItem => {
    const lineTotal = line.unitMinor * BigInt(line.quantity);
    total += lineTotal;
    return {
      productId: line.productId,
      name: line.name,
      quantity: line.quantity,
      unitPrice: money(line.currencyCode, line.unitMinor),
      lineTotal: money(line.currencyCode, lineTotal),
    };
  });
  return { userId, items, total: money(currency, total) };
}
