/**
 * Deterministic shipping prices (USD cents, the catalog's currency): a zone's
 * base rate plus a per-unit rate; domestic orders of FREE_SHIPPING_UNITS units
 * or more ship free.
 */
export const CURRENCY = 'USD';
export const FREE_SHIPPING_UNITS = 10;

export interface Zone {
  name: 'domestic' | 'north-america' | 'europe' | 'international';
  carrier: string;
  baseCents: number;
  perUnitCents: number;
  estimatedDays: number;
}

const ZONES: Record<Zone['name'], Zone> = {
  domestic: { name: 'domestic', carrier: 'USPS', baseCents: 499, perUnitCents: 99, estimatedDays: 3 },
  'north-america': { name: 'north-america', carrier: 'UPS', baseCents: 999, perUnitCents: 199, estimatedDays: 5 },
  europe: { name: 'europe', carrier: 'DHL', baseCents: 1499, perUnitCents: 249, estimatedDays: 7 },
  international: { name: 'international', carrier: 'DHL', baseCents: 1999, perUnitCents: 349, estimatedDays: 10 },
};

const NORTH_AMERICA = new Set(['CA', 'MX']);
const EUROPE = new Set(
  `AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL
   NO PL PT RO RS SE SI SJ SK SM UA VA`.split(/\s+/),
);

/** The zone of a (valid, upper-case) ISO 3166-1 alpha-2 destination. */
export function zoneOf(countryCode: string): Zone {
  if (countryCode === 'US') return ZONES.domestic;
  if (NORTH_AMERICA.has(countryCode)) return ZONES['north-america'];
  if (EUROPE.has(countryCode)) return ZONES.europe;
  return ZONES.international;
}

export interface Quote {
  costCents: number;
  currencyCode: string;
  carrier: string;
  estimatedDays: number;
}

/** The price of shipping `units` items (the sum of quantities) to `countryCode`. */
export function quote(units: number, countryCode: string): Quote {
  const zone = zoneOf(countryCode);
  const free = zone.name === 'domestic' && units >= FREE_SHIPPING_UNITS;
  return {
    costCents: free ? 0 : zone.baseCents + zone.perUnitCents * units,
    currencyCode: CURRENCY,
    carrier: zone.carrier,
    estimatedDays: zone.estimatedDays,
  };
}
