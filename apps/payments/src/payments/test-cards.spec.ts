import { describe, expect, it } from '@jest/globals';
import { paymentsV1 } from '@bazaar/contracts';
import { cardFingerprint, decideAuthorization, TEST_CARD_TOKENS } from './test-cards.js';

const { DeclineReason } = paymentsV1;

describe('decideAuthorization', () => {
  it.each([
    [TEST_CARD_TOKENS.visa, { kind: 'approved' }],
    [TEST_CARD_TOKENS.approve, { kind: 'approved' }],
    [TEST_CARD_TOKENS.decline, { kind: 'declined', reason: DeclineReason.DECLINE_REASON_CARD_DECLINED }],
    [TEST_CARD_TOKENS.insufficientFunds, { kind: 'declined', reason: DeclineReason.DECLINE_REASON_INSUFFICIENT_FUNDS }],
    [TEST_CARD_TOKENS.timeout, { kind: 'no_answer' }],
    ['tok_unknown', { kind: 'declined', reason: DeclineReason.DECLINE_REASON_CARD_DECLINED }],
    ['', { kind: 'declined', reason: DeclineReason.DECLINE_REASON_CARD_DECLINED }],
    ['TOK_VISA', { kind: 'declined', reason: DeclineReason.DECLINE_REASON_CARD_DECLINED }],
  ])('%j → %j', (token, decision) => {
    expect(decideAuthorization(token)).toEqual(decision);
  });

  it('fingerprints tokens without containing them', () => {
    const fingerprint = cardFingerprint(TEST_CARD_TOKENS.visa);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint).not.toContain('visa');
    expect(cardFingerprint(TEST_CARD_TOKENS.visa)).toBe(fingerprint);
  });
});
