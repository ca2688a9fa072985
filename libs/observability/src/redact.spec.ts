import { describe, expect, it } from '@jest/globals';
import { REDACTED, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('redacts secret-named keys at any depth, including arrays', () => {
    const input = {
      user: 'ada',
      req: { headers: { Authorization: 'Bearer abc', cookie: 'sid=1', accept: 'json' } },
      payment: { cardNumber: '4111111111111111', card_expiry: '12/30', cvv: '123', amount: 5 },
      items: [{ refreshToken: 'r1', id: 7 }],
      db: { password: 'hunter2', clientSecret: 's', jwt: 'eyJ...' },
    };
    expect(redactSecrets(input)).toEqual({
      user: 'ada',
      req: { headers: { Authorization: REDACTED, cookie: REDACTED, accept: 'json' } },
      payment: { cardNumber: REDACTED, card_expiry: REDACTED, cvv: REDACTED, amount: 5 },
      items: [{ refreshToken: REDACTED, id: 7 }],
      db: { password: REDACTED, clientSecret: REDACTED, jwt: REDACTED },
    });
  });

  it('never mutates the input and returns it unchanged when clean', () => {
    const input = { a: { password: 'p' } };
    redactSecrets(input);
    expect(input.a.password).toBe('p');
    const clean = { a: { b: [1, 2] } };
    expect(redactSecrets(clean)).toBe(clean);
  });

  it('survives cycles and shared references', () => {
    const shared = { token: 't' };
    const cyclic: Record<string, unknown> = { one: shared, two: shared };
    cyclic['self'] = cyclic;
    const out = redactSecrets(cyclic) as Record<string, Record<string, unknown>>;
    expect(out['one']?.['token']).toBe(REDACTED);
    expect(out['two']?.['token']).toBe(REDACTED);
    expect(out['self']).toBe('[Circular]');
  });
});
