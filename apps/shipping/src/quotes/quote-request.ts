import type { shippingV1 } from '@bazaar/contracts';
import { InvalidArgumentError, type FieldViolation } from '@bazaar/grpc';
import { isCountryCode } from './country-codes.js';

export const MAX_ITEMS = 100;
export const MAX_QUANTITY = 99;
export const MAX_PRODUCT_ID_LENGTH = 64;
/** Enough to fix a request without an error body growing with the request. */
const MAX_VIOLATIONS = 20;

export interface ValidQuoteRequest {
  /** Total quantity over all items. */
  units: number;
  countryCode: string;
}

/** Checks a GetQuoteRequest; throws InvalidArgumentError naming every bad field (up to MAX_VIOLATIONS). */
export function parseQuoteRequest(request: shippingV1.GetQuoteRequest): ValidQuoteRequest {
  const violations: FieldViolation[] = [];
  const items = request.items ?? [];
  if (items.length === 0 || items.length > MAX_ITEMS) {
    violations.push({ field: 'items', description: `must hold between 1 and ${MAX_ITEMS} items` });
  }
  items.slice(0, MAX_ITEMS).forEach((item, i) => violations.push(...itemViolations(item, i)));

  const countryCode = request.destination?.countryCode ?? '';
  if (!request.destination) {
    violations.push({ field: 'destination', description: 'is required' });
  } else if (!isCountryCode(countryCode)) {
    violations.push({ field: 'destination.country_code', description: 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE' });
  }

  if (violations.length > 0) throw new InvalidArgumentError(violations.slice(0, MAX_VIOLATIONS));
  return { units: items.reduce((sum, item) => sum + item.quantity, 0), countryCode };
}

function itemViolations(item: shippingV1.QuoteItem, index: number): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const productId = item.productId ?? '';
  if (productId.trim().length === 0) {
    violations.push({ field: `items[${index}].product_id`, description: 'is required' });
  } else if (productId.length > MAX_PRODUCT_ID_LENGTH) {
    violations.push({ field: `items[${index}].product_id`, description: `must be at most ${MAX_PRODUCT_ID_LENGTH} characters` });
  }
  const quantity = item.quantity;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    violations.push({ field: `items[${index}].quantity`, description: `must be between 1 and ${MAX_QUANTITY}` });
  }
  return violations;
}
