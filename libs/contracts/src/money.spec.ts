import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatMoney, money, moneyToMinorUnits } from './money.js';

describe('money', () => {
  it('splits minor units into units + nanos without floats', () => {
    expect(money('USD', 1999)).toEqual({ currencyCode: 'USD', units: '19', nanos: 990_000_000 });
    expect(money('USD', -175)).toEqual({ currencyCode: 'USD', units: '-1', nanos: -750_000_000 });
    expect(money('JPY', 500, 0)).toEqual({ currencyCode: 'JPY', units: '500', nanos: 0 });
  });

  it('round-trips any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (minor) => {
        expect(moneyToMinorUnits(money('EUR', minor))).toBe(minor);
      }),
    );
  });

  it('rejects sub-cent amounts and formats exactly', () => {
    expect(() => moneyToMinorUnits({ currencyCode: 'USD', units: '1', nanos: 1 })).toThrow(RangeError);
    expect(formatMoney(money('USD', 1999))).toBe('19.99 USD');
    expect(formatMoney(money('USD', -175))).toBe('-1.75 USD');
    expect(formatMoney(money('USD', 5))).toBe('0.05 USD');
  });
});
