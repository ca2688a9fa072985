import { paymentsV1 } from '@bazaar/contracts';
import { createHash } from 'node:crypto';

/**
 * The simulated provider's test card tokens: the token alone decides the outcome,
 * so every run of a checkout ends the same way.
 */
export const TEST_CARD_TOKENS = {
  /** Approved. */
  visa: 'tok_visa',
  /** Approved. */
  approve: 'tok_approve',
  /** Declined: DECLINE_REASON_CARD_DECLINED. */
  decline: 'tok_decline',
  /** Declined: DECLINE_REASON_INSUFFICIENT_FUNDS. */
  insufficientFunds: 'tok_insufficient_funds',
  /** The provider never answers: no event at all; the orders saga's step timeout compensates. */
  timeout: 'tok_timeout',
} as const;

export type ProviderDecision =
  | { kind: 'approved' }
  | { kind: 'declined'; reason: paymentsV1.DeclineReason }
  | { kind: 'no_answer' };

const APPROVING: ReadonlySet<string> = new Set([TEST_CARD_TOKENS.visa, TEST_CARD_TOKENS.approve]);

/** What the simulated provider answers to an authorization with this token. Any unknown token is declined. */
export function decideAuthorization(cardToken: string): ProviderDecision {
  if (APPROVING.has(cardToken)) return { kind: 'approved' };
  if (cardToken === TEST_CARD_TOKENS.insufficientFunds) {
    return { kind: 'declined', reason: paymentsV1.DeclineReason.DECLINE_REASON_INSUFFICIENT_FUNDS };
  }
  if (cardToken === TEST_CARD_TOKENS.timeout) return { kind: 'no_answer' };
  return { kind: 'declined', reason: paymentsV1.DeclineReason.DECLINE_REASON_CARD_DECLINED };
}

/** SHA-256 hex of the token: lets two authorizations be compared without storing the token. */
export function cardFingerprint(cardToken: string): string {
  return createHash('sha256').update(cardToken, 'utf8').digest('hex');
}
