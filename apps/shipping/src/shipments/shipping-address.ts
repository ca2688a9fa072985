import type { ordersV1 } from '@bazaar/contracts';
import { isCountryCode } from '../quotes/country-codes.js';

export type AddressProblem = { kind: 'address_missing'; reason: string } | { kind: 'address_invalid'; reason: string };

const REQUIRED = [
  ['name', 'name'],
  ['street', 'street'],
  ['city', 'city'],
  ['postalCode', 'postal_code'],
] as const;

export type AddressCheck = { kind: 'usable'; address: ordersV1.ShippingAddress } | AddressProblem;

/**
 * Whether a shipment can go to this address, and why not. Reasons name fields
 * only, never their values (they are personal data).
 */
export function checkAddress(address: ordersV1.ShippingAddress | undefined): AddressCheck {
  if (!address) return { kind: 'address_missing', reason: 'the order has no shipping address' };
  const blank: string[] = REQUIRED.filter(([key]) => (address[key] ?? '').trim().length === 0).map(([, field]) => field);
  if (!isCountryCode(address.countryCode ?? '')) blank.push('country_code');
  if (blank.length === REQUIRED.length + 1) return { kind: 'address_missing', reason: 'the order has no shipping address' };
  if (blank.length > 0) return { kind: 'address_invalid', reason: `the shipping address is unusable: ${blank.join(', ')} missing or invalid` };
  return { kind: 'usable', address };
}
