import { messages, money, paymentsV1 } from '@bazaar/contracts';
import type { Outbox } from '@bazaar/messaging';
import type { Transaction } from '@bazaar/persistence';
import type { PaymentsDatabase } from '../db/schema.js';
import type { Amount } from './commands.js';
import { ledgerEntry, type LedgerEntry, type PaymentRow } from './payment-store.js';

type Trx = Transaction<PaymentsDatabase>;

const moneyOf = (amount: Amount | LedgerEntry) =>
  'minor' in amount ? money(amount.currencyCode, amount.minor) : money(amount.currencyCode, amount.amountMinor);

/** Events go out through the outbox in the caller's transaction, keyed by order id (the topic's key). */
export class Announcer {
  constructor(
    private readonly trx: Trx,
    private readonly outbox: Outbox,
    private readonly payment: PaymentRow,
  ) {}

  async authorized(amount: Amount | LedgerEntry): Promise<void> {
    const { order_id: orderId, id: paymentId } = this.payment;
    await this.outbox.enqueue(this.trx, messages.PaymentAuthorized, orderId, { orderId, paymentId, amount: moneyOf(amount) });
  }

  async declined(reason: paymentsV1.DeclineReason): Promise<void> {
    const orderId = this.payment.order_id;
    await this.outbox.enqueue(this.trx, messages.PaymentDeclined, orderId, { orderId, reason });
  }

  async captured(amount: Amount | LedgerEntry): Promise<void> {
    const { order_id: orderId, id: paymentId } = this.payment;
    await this.outbox.enqueue(this.trx, messages.PaymentCaptured, orderId, { orderId, paymentId, amount: moneyOf(amount) });
  }

  async voided(): Promise<void> {
    const { order_id: orderId, id: paymentId } = this.payment;
    await this.outbox.enqueue(this.trx, messages.PaymentVoided, orderId, { orderId, paymentId });
  }

  async refunded(amount: Amount | LedgerEntry): Promise<void> {
    const { order_id: orderId, id: paymentId } = this.payment;
    await this.outbox.enqueue(this.trx, messages.PaymentRefunded, orderId, { orderId, paymentId, amount: moneyOf(amount) });
  }

  /**
   * Answers a repeated AuthorizePayment with the payment's authorization outcome, as first announced:
   * PaymentAuthorized if it was ever authorized (even if captured, voided or refunded since), PaymentDeclined
   * if declined, nothing if the provider never answered or the order was voided before any authorization.
   */
  async authorizationOutcome(): Promise<boolean> {
    const { status } = this.payment;
    if (status === 'declined') {
      await this.declined(paymentsV1.declineReasonFromJSON(this.payment.decline_reason));
      return true;
    }
    const authorize = await ledgerEntry(this.trx, this.payment.order_id, 'authorize');
    if (!authorize) return false;
    await this.authorized(authorize);
    return true;
  }
}
