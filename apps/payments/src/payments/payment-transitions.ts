import { paymentsV1 } from '@bazaar/contracts';
import { PermanentError, type Outbox } from '@bazaar/messaging';
import type { Transaction } from '@bazaar/persistence';
import { randomUUID } from 'node:crypto';
import type { PaymentsDatabase, PaymentStatus } from '../db/schema.js';
import { Announcer } from './announce.js';
import type { Amount, ValidAuthorize } from './commands.js';
import { appendLedger, insertPayment, ledgerEntry, lockPayment, setStatus, type PaymentRow } from './payment-store.js';
import { tracedAuthorization } from './provider-span.js';
import { cardFingerprint, decideAuthorization, type ProviderDecision } from './test-cards.js';

type Trx = Transaction<PaymentsDatabase>;

/**
 * applied: the payment changed (outcome names how, for metrics);
 * replayed: the command repeated one already applied, answered with the existing outcome;
 * ignored: the command is illegal in the payment's state — no change, no event.
 */
export type TransitionResult =
  | { result: 'applied'; outcome: string }
  | { result: 'replayed' | 'ignored'; status: PaymentStatus | 'none' };

const applied = (outcome: string): TransitionResult => ({ result: 'applied', outcome });
const replayed = (payment: PaymentRow): TransitionResult => ({ result: 'replayed', status: payment.status });
const ignored = (payment: PaymentRow | undefined): TransitionResult => ({ result: 'ignored', status: payment?.status ?? 'none' });

const STATUS_OF: Record<ProviderDecision['kind'], PaymentStatus> = { approved: 'authorized', declined: 'declined', no_answer: 'no_answer' };

/** One payment per order: the first AuthorizePayment asks the provider; any later one gets the first one's outcome. */
export async function authorize(trx: Trx, outbox: Outbox, command: ValidAuthorize): Promise<TransitionResult> {
  const decision = tracedAuthorization(command.orderId, () => decideAuthorization(command.cardToken));
  const created = await insertPayment(trx, {
    id: randomUUID(),
    order_id: command.orderId,
    user_id: command.userId,
    status: STATUS_OF[decision.kind],
    amount_minor: command.amount.minor.toString(),
    currency_code: command.amount.currencyCode,
    decline_reason: decision.kind === 'declined' ? paymentsV1.declineReasonToJSON(decision.reason) : null,
    card_fingerprint: cardFingerprint(command.cardToken),
  });
  const payment = await lockPayment(trx, command.orderId);
  if (!payment) throw new Error(`payment of order ${command.orderId} vanished`);
  const announce = new Announcer(trx, outbox, payment);
  if (!created) {
    await announce.authorizationOutcome();
    return replayed(payment);
  }
  switch (decision.kind) {
    case 'approved':
      await appendLedger(trx, payment, { entryType: 'authorize', amountMinor: command.amount.minor, currencyCode: command.amount.currencyCode });
      await announce.authorized(command.amount);
      return applied('authorized');
    case 'declined':
      await announce.declined(decision.reason);
      return applied(`declined_${paymentsV1.declineReasonToJSON(decision.reason).replace(/^DECLINE_REASON_/, '').toLowerCase()}`);
    case 'no_answer':
      return applied('no_answer');
  }
}

/** authorized → captured (the whole authorized amount). */
export async function capture(trx: Trx, outbox: Outbox, orderId: string): Promise<TransitionResult> {
  const payment = await lockPayment(trx, orderId);
  if (payment?.status === 'authorized') {
    const authorized = await requireEntry(trx, orderId, 'authorize');
    await setStatus(trx, payment.id, 'captured');
    await appendLedger(trx, payment, { ...authorized, entryType: 'capture' });
    await new Announcer(trx, outbox, payment).captured(authorized);
    return applied('captured');
  }
  if (payment?.status === 'captured' || payment?.status === 'refunded') {
    await new Announcer(trx, outbox, payment).captured(await requireEntry(trx, orderId, 'capture'));
    return replayed(payment);
  }
  return ignored(payment);
}

/**
 * Cancels an uncaptured authorization. Also closes a payment the provider never answered, and records a
 * void that arrives before any AuthorizePayment (a replayed or reordered command) so a late authorize
 * cannot authorize the cancelled order. A captured payment is not voided: refunding is the saga's call.
 */
export async function voidPayment(trx: Trx, outbox: Outbox, orderId: string): Promise<TransitionResult> {
  let payment = await lockPayment(trx, orderId);
  if (!payment) {
    await insertPayment(trx, { id: randomUUID(), order_id: orderId, user_id: '', status: 'voided', amount_minor: null, currency_code: null, decline_reason: null, card_fingerprint: null });
    payment = await lockPayment(trx, orderId);
    if (!payment) throw new Error(`payment of order ${orderId} vanished`);
    if (payment.status !== 'voided') return voidPayment(trx, outbox, orderId);
    await new Announcer(trx, outbox, payment).voided();
    return applied('voided');
  }
  const announce = new Announcer(trx, outbox, payment);
  if (payment.status === 'authorized' || payment.status === 'no_answer') {
    const authorized = await ledgerEntry(trx, orderId, 'authorize');
    await setStatus(trx, payment.id, 'voided');
    if (authorized) await appendLedger(trx, payment, { ...authorized, entryType: 'void' });
    await announce.voided();
    return applied('voided');
  }
  if (payment.status === 'voided') {
    await announce.voided();
    return replayed(payment);
  }
  return ignored(payment);
}

/** captured → refunded: the captured amount, or less when the command names an amount (one refund per payment). */
export async function refund(trx: Trx, outbox: Outbox, orderId: string, requested: Amount | undefined): Promise<TransitionResult> {
  const payment = await lockPayment(trx, orderId);
  if (payment?.status === 'captured') {
    const captured = await requireEntry(trx, orderId, 'capture');
    if (requested && (requested.currencyCode !== captured.currencyCode || requested.minor > captured.amountMinor)) {
      throw new PermanentError(`RefundPayment: amount exceeds the captured ${captured.currencyCode} amount of order ${orderId}`);
    }
    const amount = requested ?? { minor: captured.amountMinor, currencyCode: captured.currencyCode };
    await setStatus(trx, payment.id, 'refunded');
    await appendLedger(trx, payment, { entryType: 'refund', amountMinor: amount.minor, currencyCode: amount.currencyCode });
    await new Announcer(trx, outbox, payment).refunded(amount);
    return applied('refunded');
  }
  if (payment?.status === 'refunded') {
    await new Announcer(trx, outbox, payment).refunded(await requireEntry(trx, orderId, 'refund'));
    return replayed(payment);
  }
  return ignored(payment);
}

async function requireEntry(trx: Trx, orderId: string, entryType: 'authorize' | 'capture' | 'refund') {
  const entry = await ledgerEntry(trx, orderId, entryType);
  if (!entry) throw new Error(`payment of order ${orderId} has no ${entryType} ledger entry`);
  return entry;
}
