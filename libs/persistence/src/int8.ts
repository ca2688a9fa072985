/** PostgreSQL type OID of int8 / bigint (also the type of count(*) and sum(int4)). */
export const INT8_OID = 20;

/**
 * Both drivers return int8 columns as JS numbers, so `count(*)`, bigserial ids and
 * int8 money-in-cents columns read the same on PostgreSQL and PGlite.
 * Values outside Number's exact range throw instead of silently losing precision;
 * store anything that large as numeric (returned as a string on both drivers).
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is outside the exact JS number range; use numeric for such values`);
  }
  return value;
}
