import { describe, expect, it } from '@jest/globals';
import { paymentsV1 } from '@bazaar/contracts';
import { PermanentError } from '@bazaar/messaging';
import { parseAuthorize, parseRefundAmount, requireOrderId } from './commands.js';

const authorize = (p: Partial<paymentsV1.AuthorizePayment>) =>
  paymentsV1.AuthorizePayment.fromPartial({ orderId: 'o-1', userId: 'u-1', cardToken: 'tok_visa', amount: { currencyCode: 'USD', units: '12', nanos: 340_000_000 }, ...p });

function permanentError(run: () => unknown): PermanentError {
  try {
    run();
  } catch (error) {
    if (error instanceof PermanentError) return error;
    throw error;
  }
  throw new Error('expected a PermanentError');
}

describe('payments command validation', () => {
  it('reads an AuthorizePayment into minor units', () => {
    expect(parseAuthorize(authorize({}))).toEqual({ orderId: 'o-1', userId: 'u-1', cardToken: 'tok_visa', amount: { minor: 1234n, currencyCode: 'USD' } });
  });

  it.each([
    ['a missing order id', { orderId: '' }, /order_id is required/],
    ['an over-long order id', { orderId: 'x'.repeat(129) }, /order_id must be at most/],
    ['a missing amount', { amount: undefined }, /amount is required/],
    ['a bad currency', { amount: { currencyCode: 'usd', units: '1', nanos: 0 } }, /currency_code/],
    ['a fraction of a cent', { amount: { currencyCode: 'USD', units: '1', nanos: 5 } }, /whole number of cents/],
    ['a zero amount', { amount: { currencyCode: 'USD', units: '0', nanos: 0 } }, /must be positive/],
    ['a negative amount', { amount: { currencyCode: 'USD', units: '-3', nanos: 0 } }, /must be positive/],
  ])('sends an AuthorizePayment with %s to the DLQ, naming the field', (_case, patch, message) => {
    const error = permanentError(() => parseAuthorize(authorize(patch)));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('tok_visa');
  });

  it('refunds the whole captured amount when RefundPayment names none', () => {
    expect(parseRefundAmount(paymentsV1.RefundPayment.fromPartial({ orderId: 'o-1' }))).toBeUndefined();
    expect(parseRefundAmount(paymentsV1.RefundPayment.fromPartial({ orderId: 'o-1', amount: { currencyCode: '', units: '0', nanos: 0 } }))).toBeUndefined();
    expect(parseRefundAmount(paymentsV1.RefundPayment.fromPartial({ orderId: 'o-1', amount: { currencyCode: 'EUR', units: '5', nanos: 0 } }))).toEqual({
      minor: 500n,
      currencyCode: 'EUR',
    });
  });

  it('keeps order ids as sent and rejects blank ones', () => {
    expect(requireOrderId('CapturePayment', 'o-1')).toBe('o-1');
    expect(permanentError(() => requireOrderId('CapturePayment', '   ')).message).toBe('CapturePayment: order_id is required');
  });
});
