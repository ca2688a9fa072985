import { describe, expect, it } from '@jest/globals';
import { shippingV1 } from '@bazaar/contracts';
import { InvalidArgumentError } from '@bazaar/grpc';
import fc from 'fast-check';
import { parseQuoteRequest } from './quote-request.js';

const request = (partial: Parameters<typeof shippingV1.GetQuoteRequest.fromPartial>[0]) => shippingV1.GetQuoteRequest.fromPartial(partial);

function violatedFields(partial: Parameters<typeof shippingV1.GetQuoteRequest.fromPartial>[0]): string[] {
  try {
    parseQuoteRequest(request(partial));
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error.violations.map((v) => v.field);
    throw error;
  }
  return [];
}

describe('parseQuoteRequest', () => {
  it('sums quantities of a valid request', () => {
    const parsed = parseQuoteRequest(
      request({ items: [{ productId: 'A', quantity: 2 }, { productId: 'B', quantity: 99 }], destination: { countryCode: 'DE' } }),
    );
    expect(parsed).toEqual({ units: 101, countryCode: 'DE' });
  });

  it('names every bad field', () => {
    expect(violatedFields({ items: [], destination: { countryCode: 'DE' } })).toEqual(['items']);
    expect(violatedFields({ items: [{ productId: 'A', quantity: 1 }] })).toEqual(['destination']);
    expect(violatedFields({ items: [{ productId: 'A', quantity: 1 }], destination: { countryCode: 'de' } })).toEqual([
      'destination.country_code',
    ]);
    expect(
      violatedFields({
        items: [
          { productId: ' ', quantity: 1 },
          { productId: 'B', quantity: 0 },
          { productId: 'x'.repeat(65), quantity: 100 },
        ],
        destination: { countryCode: 'XX' },
      }),
    ).toEqual(['items[0].product_id', 'items[1].quantity', 'items[2].product_id', 'items[2].quantity', 'destination.country_code']);
    const tooMany = Array.from({ length: 101 }, () => ({ productId: 'A', quantity: 1 }));
    expect(violatedFields({ items: tooMany, destination: { countryCode: 'US' } })).toEqual(['items']);
  });

  it('either accepts a request or rejects it with field violations, whatever the input', () => {
    const item = fc.record({ productId: fc.string({ maxLength: 70 }), quantity: fc.oneof(fc.integer({ min: -1, max: 101 }), fc.integer()) });
    const destination = fc.option(fc.record({ countryCode: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('US', 'DE', 'JP')) }), {
      nil: undefined,
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 105 }), destination, (items, dest) => {
        try {
          const parsed = parseQuoteRequest(request({ items, destination: dest }));
          expect(parsed.units).toBeGreaterThanOrEqual(1);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
          expect((error as InvalidArgumentError).violations.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
