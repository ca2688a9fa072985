import { describe, expect, it } from '@jest/globals';
import { ordersV1 } from '@bazaar/contracts';
import { InvalidArgumentError } from '@bazaar/grpc';
import fc from 'fast-check';
import { validatePlaceOrder } from './place-order-request.js';

const valid = {
  idempotencyKey: 'key-12345',
  lines: [{ productId: 'P000000001', quantity: 2 }],
  shippingAddress: { name: 'Ada', street: '1 Main St', city: 'Berlin', postalCode: '10115', countryCode: 'de' },
  cardToken: 'tok_visa_secret',
};
type Partial = Parameters<typeof ordersV1.PlaceOrderRequest.fromPartial>[0];
const request = (p: Partial) => ordersV1.PlaceOrderRequest.fromPartial({ ...valid, ...p });

function violations(p: Partial) {
  try {
    validatePlaceOrder(request(p));
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error.violations;
    throw error;
  }
  throw new Error('expected INVALID_ARGUMENT');
}

describe('validatePlaceOrder', () => {
  it('accepts a valid request, normalizing the country and ignoring client prices', () => {
    const ok = validatePlaceOrder(request({ lines: [{ productId: 'P000000001', quantity: 2, unitPrice: { currencyCode: 'USD', units: '0', nanos: 1 } }] }));
    expect(ok.address.countryCode).toBe('DE');
    expect(ok.lines).toEqual([{ productId: 'P000000001', quantity: 2 }]);
  });

  it('names every bad field at once', () => {
    const fields = violations({
      idempotencyKey: 'short',
      lines: [
        { productId: '', quantity: 0 },
        { productId: 'P1', quantity: 100 },
        { productId: 'P1', quantity: 1 },
      ],
      shippingAddress: { name: ' ', street: 'x', city: 'y', postalCode: '1', countryCode: 'Germany' },
      cardToken: '',
    }).map((v) => v.field);
    expect(fields).toEqual([
      'idempotency_key',
      'lines[0].product_id',
      'lines[0].quantity',
      'lines[1].quantity',
      'lines[2].product_id',
      'shipping_address.name',
      'shipping_address.country_code',
      'card_token',
    ]);
  });

  it('bounds the number of lines and requires an address', () => {
    expect(violations({ lines: [] }).map((v) => v.field)).toEqual(['lines']);
    const many = Array.from({ length: 51 }, (_, i) => ({ productId: `P${i}`, quantity: 1 }));
    expect(violations({ lines: many }).map((v) => v.field)).toEqual(['lines']);
    expect(violations({ shippingAddress: undefined }).map((v) => v.field)).toEqual(['shipping_address']);
  });

  it('never echoes the card token in an error', () => {
    const all = violations({ cardToken: 'x'.repeat(600), idempotencyKey: '' });
    expect(JSON.stringify(all)).not.toContain('xxxx');
  });

  it('turns any request into a valid order or INVALID_ARGUMENT naming fields, never another error (property)', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constant(''));
    const line = fc.record({ productId: text, quantity: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) });
    const address = fc.record({ name: text, street: text, city: text, postalCode: text, countryCode: text });
    fc.assert(
      fc.property(text, fc.array(line, { maxLength: 60 }), fc.option(address, { nil: undefined }), text, (idempotencyKey, lines, shippingAddress, cardToken) => {
        try {
          validatePlaceOrder(ordersV1.PlaceOrderRequest.fromPartial({ idempotencyKey, lines, shippingAddress, cardToken }));
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
          expect((error as InvalidArgumentError).violations.length).toBeGreaterThan(0);
          expect(JSON.stringify((error as InvalidArgumentError).violations)).not.toContain(cardToken.length > 12 ? cardToken : '\u0000never');
        }
      }),
      { numRuns: 300 },
    );
  });
});
