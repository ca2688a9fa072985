import { describe, expect, it } from '@jest/globals';
import { ordersV1 } from '@bazaar/contracts';
import { checkAddress } from './shipping-address.js';
import { newTrackingId, TRACKING_ID } from './tracking-id.js';

const full = { name: 'Ada Lovelace', street: '1 Analytical Way', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' };

describe('checkAddress', () => {
  it('accepts a complete address with an ISO country code', () => {
    expect(checkAddress(ordersV1.ShippingAddress.fromPartial(full)).kind).toBe('usable');
  });

  it('reports a missing address, and an incomplete one by field names only', () => {
    expect(checkAddress(undefined).kind).toBe('address_missing');
    expect(checkAddress(ordersV1.ShippingAddress.fromPartial({})).kind).toBe('address_missing');
    const partial = checkAddress(ordersV1.ShippingAddress.fromPartial({ ...full, street: '  ', countryCode: 'England' }));
    expect(partial).toEqual({ kind: 'address_invalid', reason: expect.stringContaining('street, country_code') });
    expect(JSON.stringify(partial)).not.toContain('England');
  });
});

describe('newTrackingId', () => {
  it('is BZ + 12 base32 characters, different every time', () => {
    const ids = Array.from({ length: 50 }, newTrackingId);
    for (const id of ids) expect(id).toMatch(TRACKING_ID);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
