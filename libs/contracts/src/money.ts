import type { Money } from './gen/google/type/money.js';

const NANOS_PER_UNIT = 1_000_000_000n;

/** Money from integer minor units (cents for USD/EUR, 2 decimals). */
export function money(currencyCode: string, minorUnits: bigint | number, decimals = 2): Money {
  const minor = BigInt(minorUnits);
  const scale = 10n ** BigInt(decimals);
  const units = minor / scale;
  const nanos = ((minor % scale) * NANOS_PER_UNIT) / scale;
  return { currencyCode, units: units.toString(), nanos: Number(nanos) };
}

/** The inverse of money(); rejects amounts finer than the currency's minor unit. */
export function moneyToMinorUnits(value: Money, decimals = 2): bigint {
  const scale = 10n ** BigInt(decimals);
  const nanosPerMinor = NANOS_PER_UNIT / scale;
  const nanos = BigInt(value.nanos);
  if (nanos % nanosPerMinor !== 0n) throw new RangeError(`${value.nanos} nanos is finer than 1/${scale} ${value.currencyCode}`);
  return BigInt(value.units) * scale + nanos / nanosPerMinor;
}

/** "12.99 USD" — exact, from integers only. */
export function formatMoney(value: Money): string {
  const negative = value.units.startsWith('-') || value.nanos < 0;
  const units = BigInt(value.units.replace('-', ''));
  const nanos = BigInt(Math.abs(value.nanos));
  const cents = (nanos / 10_000_000n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${units}.${cents} ${value.currencyCode}`;
}
