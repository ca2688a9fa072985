import { z } from '@bazaar/config';
import { ProblemError } from '../errors/problem.js';
import { parseInput } from '../http/body.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_-]{8,128}$';
export const ORDER_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
export const CARD_TOKEN_PATTERN = '^[A-Za-z0-9_-]{1,128}$';
export const COUNTRY_CODE_PATTERN = '^[A-Z]{2}$';
export const MAX_PAGE_SIZE = 100;

const text = (max: number) => z.string({ error: `must be a string of 1-${max} characters` }).trim().min(1, { error: `must be a string of 1-${max} characters` }).max(max, { error: `must be a string of 1-${max} characters` });
const countryCode = z.string({ error: 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE' }).regex(new RegExp(COUNTRY_CODE_PATTERN), { error: 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE' });

export const shippingAddress = z.object(
  { name: text(100), street: text(200), city: text(100), postalCode: text(20), countryCode },
  { error: 'must be an object with name, street, city, postalCode and countryCode' },
);

const checkoutBody = z.object({
  shippingAddress,
  // Describes the shape only: the value is a secret and never appears in errors or logs.
  cardToken: z.string({ error: 'must be a card token string' }).regex(new RegExp(CARD_TOKEN_PATTERN), { error: 'must be 1-128 characters A-Z, a-z, 0-9, "_" or "-"' }),
});

export type CheckoutRequest = z.infer<typeof checkoutBody>;

/** Upstream (proto) field names → the names of this API. */
export const ORDER_FIELD_NAMES: Record<string, string> = {
  idempotency_key: IDEMPOTENCY_KEY_HEADER,
  card_token: 'cardToken',
  shipping_address: 'shippingAddress',
  'shipping_address.name': 'shippingAddress.name',
  'shipping_address.street': 'shippingAddress.street',
  'shipping_address.city': 'shippingAddress.city',
  'shipping_address.postal_code': 'shippingAddress.postalCode',
  'shipping_address.country_code': 'shippingAddress.countryCode',
  order_id: 'id',
};

export function parseCheckout(body: unknown): CheckoutRequest {
  return parseInput(checkoutBody, body);
}

export function parseIdempotencyKey(value: string | string[] | undefined): string {
  if (typeof value === 'string' && new RegExp(IDEMPOTENCY_KEY_PATTERN).test(value)) return value;
  const description =
    value === undefined
      ? 'is required: a client-chosen key of 8-128 characters A-Z, a-z, 0-9, "_" or "-", the same for every retry of one checkout'
      : 'must be 8-128 characters A-Z, a-z, 0-9, "_" or "-" (sent once)';
  throw ProblemError.invalidRequest([{ field: IDEMPOTENCY_KEY_HEADER, description }]);
}

export function parseOrderId(value: string): string {
  if (new RegExp(ORDER_ID_PATTERN).test(value)) return value;
  throw ProblemError.invalidRequest([{ field: 'id', description: 'must be 1-64 characters A-Z, a-z, 0-9, "_" or "-"' }]);
}

const pageQuery = z.object({
  page_size: z
    .string({ error: 'must be given at most once' })
    .regex(/^\d{1,3}$/, { error: `must be an integer from 0 to ${MAX_PAGE_SIZE} (0 means the default)` })
    .transform(Number)
    .refine((n) => n <= MAX_PAGE_SIZE, { error: `must be an integer from 0 to ${MAX_PAGE_SIZE} (0 means the default)` })
    .optional(),
  page_token: z.string({ error: 'must be given at most once' }).regex(/^[A-Za-z0-9_-]{0,512}$/, { error: 'is not a token returned by this API' }).optional(),
});

export function parseOrderPage(query: Record<string, unknown>): { pageSize: number; pageToken: string } {
  const { page_size, page_token } = parseInput(pageQuery, { page_size: query['page_size'], page_token: query['page_token'] });
  return { pageSize: page_size ?? 0, pageToken: page_token ?? '' };
}
