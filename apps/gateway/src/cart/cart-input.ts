import { z } from '@bazaar/config';
import { intBetween, parseInput } from '../http/body.js';

export const MAX_LINE_QUANTITY = 99;
export const PRODUCT_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
const PRODUCT_ID_DESCRIPTION = 'must be 1-64 characters A-Z, a-z, 0-9, "_" or "-"';

export const productId = z.string({ error: PRODUCT_ID_DESCRIPTION }).regex(new RegExp(PRODUCT_ID_PATTERN), { error: PRODUCT_ID_DESCRIPTION });

const addItemBody = z.object({ productId, quantity: intBetween(1, MAX_LINE_QUANTITY) });
const updateItemBody = z.object({ quantity: intBetween(0, MAX_LINE_QUANTITY) });

/** Upstream (proto) field names → the names of this API. */
export const CART_FIELD_NAMES: Record<string, string> = { product_id: 'productId' };

export function parseAddItem(body: unknown): z.infer<typeof addItemBody> {
  return parseInput(addItemBody, body);
}

export function parseUpdateItem(body: unknown): z.infer<typeof updateItemBody> {
  return parseInput(updateItemBody, body);
}

export function parseProductIdParam(value: string): string {
  return parseInput(z.object({ productId }), { productId: value }).productId;
}
