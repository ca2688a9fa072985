import type { ordersV1 } from '@bazaar/contracts';
import { InvalidArgumentError, type FieldViolation } from '@bazaar/grpc';
import type { StoredAddress } from '../db/schema.js';

export const MAX_LINES = 50;
export const MAX_QUANTITY = 99;

export interface RequestedLine {
  productId: string;
  quantity: number;
}

/** A PlaceOrderRequest that passed validation. Client unit prices are dropped: the catalog prices the order. */
export interface ValidPlaceOrder {
  idempotencyKey: string;
  lines: RequestedLine[];
  address: StoredAddress;
  cardToken: string;
}

const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PRINTABLE = /^[\x21-\x7e]+$/;

function keyViolation(key: string): string | undefined {
  if (key.length < 8 || key.length > 128) return 'must be 8 to 128 characters';
  if (!PRINTABLE.test(key)) return 'must be printable ASCII without spaces';
  return undefined;
}

/** Idempotency keys are looked up before validation (a retry gets its order back): only well-formed ones. */
export const isWellFormedKey = (key: string) => keyViolation(key) === undefined;

// PostgreSQL text and jsonb cannot hold NUL: such a field is refused here, not by the database (INTERNAL).
const NUL = '\u0000';

function text(violations: FieldViolation[], field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) violations.push({ field, description: 'is required' });
  else if (trimmed.length > max) violations.push({ field, description: `must be at most ${max} characters` });
  else if (trimmed.includes(NUL)) violations.push({ field, description: 'must not contain NUL characters' });
  return trimmed;
}

/** Checks every field and reports all violations at once (INVALID_ARGUMENT naming each field). */
export function validatePlaceOrder(request: ordersV1.PlaceOrderRequest): ValidPlaceOrder {
  const violations: FieldViolation[] = [];
  const key = request.idempotencyKey;
  const badKey = keyViolation(key);
  if (badKey) violations.push({ field: 'idempotency_key', description: badKey });

  if (request.lines.length < 1 || request.lines.length > MAX_LINES) {
    violations.push({ field: 'lines', description: `must hold 1 to ${MAX_LINES} lines` });
  }
  const seen = new Set<string>();
  request.lines.slice(0, MAX_LINES).forEach((line, i) => {
    if (!PRODUCT_ID.test(line.productId)) violations.push({ field: `lines[${i}].product_id`, description: 'must be a product id' });
    else if (seen.has(line.productId)) violations.push({ field: `lines[${i}].product_id`, description: 'appears on an earlier line' });
    seen.add(line.productId);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      violations.push({ field: `lines[${i}].quantity`, description: `must be between 1 and ${MAX_QUANTITY}` });
    }
  });

  const a = request.shippingAddress;
  let address: StoredAddress = { name: '', street: '', city: '', postalCode: '', countryCode: '' };
  if (!a) violations.push({ field: 'shipping_address', description: 'is required' });
  else {
    address = {
      name: text(violations, 'shipping_address.name', a.name, 200),
      street: text(violations, 'shipping_address.street', a.street, 200),
      city: text(violations, 'shipping_address.city', a.city, 100),
      postalCode: text(violations, 'shipping_address.postal_code', a.postalCode, 20),
      countryCode: a.countryCode.trim().toUpperCase(),
    };
    if (!/^[A-Z]{2}$/.test(address.countryCode)) {
      violations.push({ field: 'shipping_address.country_code', description: 'must be an ISO 3166-1 alpha-2 code, e.g. "DE"' });
    }
  }

  // Never echo the token back: only its presence and size are checked.
  if (!request.cardToken.trim()) violations.push({ field: 'card_token', description: 'is required' });
  else if (request.cardToken.length > 512) violations.push({ field: 'card_token', description: 'must be at most 512 characters' });
  else if (request.cardToken.includes(NUL)) violations.push({ field: 'card_token', description: 'must not contain NUL characters' });

  if (violations.length) throw new InvalidArgumentError(violations);
  return {
    idempotencyKey: key,
    lines: request.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
    address,
    cardToken: request.cardToken,
  };
}
