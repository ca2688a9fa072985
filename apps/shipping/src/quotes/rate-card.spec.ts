import { describe, expect, it } from '@jest/globals';
import { COUNTRY_CODES, isCountryCode } from './country-codes.js';
import { FREE_SHIPPING_UNITS, quote, zoneOf } from './rate-card.js';

describe('rate card', () => {
  it('prices a zone base rate plus a per-unit rate, in USD cents', () => {
    expect(quote(1, 'US')).toEqual({ costCents: 499 + 99, currencyCode: 'USD', carrier: 'USPS', estimatedDays: 3 });
    expect(quote(3, 'CA')).toEqual({ costCents: 999 + 3 * 199, currencyCode: 'USD', carrier: 'UPS', estimatedDays: 5 });
    expect(quote(2, 'DE')).toEqual({ costCents: 1499 + 2 * 249, currencyCode: 'USD', carrier: 'DHL', estimatedDays: 7 });
    expect(quote(1, 'JP')).toEqual({ costCents: 1999 + 349, currencyCode: 'USD', carrier: 'DHL', estimatedDays: 10 });
  });

  it('ships domestic orders free from the threshold on, and only domestic ones', () => {
    expect(quote(FREE_SHIPPING_UNITS - 1, 'US').costCents).toBe(499 + 9 * 99);
    expect(quote(FREE_SHIPPING_UNITS, 'US').costCents).toBe(0);
    expect(quote(FREE_SHIPPING_UNITS, 'FR').costCents).toBe(1499 + 10 * 249);
  });

  it('zones every assigned country code, and knows all 249 of them', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    expect(isCountryCode('GB')).toBe(true);
    expect(isCountryCode('gb')).toBe(false);
    expect(isCountryCode('UK')).toBe(false);
    expect(zoneOf('MX').name).toBe('north-america');
    expect(zoneOf('NO').name).toBe('europe');
    expect(zoneOf('BR').name).toBe('international');
  });
});
