import type { shippingV1 } from '@bazaar/contracts';
import { ProblemError, type FieldError } from '../errors/problem.js';
import { singleQueryValue } from '../http/query.js';

export const MAX_QUOTE_ITEMS = 100;
const ITEM = /^([A-Za-z0-9_-]{1,64}):(\d{1,2})$/;
const COUNTRY = /^[A-Z]{2}$/;
const POSTAL_CODE = /^[A-Za-z0-9 -]{1,20}$/;

/** Upstream (proto) field names → the query parameters of this API. */
export const QUOTE_FIELD_NAMES: Record<string, string> = {
  destination: 'country',
  'destination.country_code': 'country',
  'destination.postal_code': 'postal_code',
};

/**
 * `GET /api/shipping/quote?items=OLJCESPC7Z:2,6E92ZMYYFZ:1&country=DE[&postal_code=10115]`:
 * the items as `productId:quantity` pairs separated by commas.
 */
export function parseQuoteQuery(query: Record<string, unknown>): shippingV1.GetQuoteRequest {
  const errors: FieldError[] = [];
  const itemsText = singleQueryValue(query, 'items', errors);
  const country = singleQueryValue(query, 'country', errors);
  const postalCode = singleQueryValue(query, 'postal_code', errors);

  const parts = itemsText ? itemsText.split(',') : [];
  const items = parts.map((part) => ITEM.exec(part)).map((m) => (m?.[1] ? { productId: m[1], quantity: Number(m[2]) } : undefined));
  if (parts.length === 0 || parts.length > MAX_QUOTE_ITEMS || items.some((item) => !item || item.quantity < 1)) {
    errors.push({ field: 'items', description: `must be 1-${MAX_QUOTE_ITEMS} comma-separated productId:quantity pairs, quantity 1-99 (e.g. OLJCESPC7Z:2)` });
  }
  if (!COUNTRY.test(country)) errors.push({ field: 'country', description: 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE' });
  if (postalCode && !POSTAL_CODE.test(postalCode)) errors.push({ field: 'postal_code', description: 'must be 1-20 letters, digits, spaces or dashes' });

  if (errors.length) throw ProblemError.invalidRequest(errors);
  return {
    items: items.filter((item) => item !== undefined),
    destination: { name: '', street: '', city: '', postalCode, countryCode: country },
  };
}
