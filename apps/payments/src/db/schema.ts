import type { Generated } from '@bazaar/persistence';

/**
 * Where a payment stands. `no_answer`: the provider never answered the authorization (nothing was
 * authorized, nothing was announced); a VoidPayment closes it.
 */
export type PaymentStatus = 'authorized' | 'declined' | 'no_answer' | 'captured' | 'voided' | 'refunded';

export type LedgerEntryType = 'authorize' | 'capture' | 'void' | 'refund';

export interface PaymentsTable {
  id: string;
  /** One payment per order, whatever the redelivery: unique. */
  order_id: string;
  /** Empty when a VoidPayment arrived before any AuthorizePayment. */
  user_id: string;
  status: PaymentStatus;
  /** Requested amount in minor units; null when no AuthorizePayment was seen. */
  amount_minor: string | number | bigint | null;
  currency_code: string | null;
  /** PaymentDeclined's reason (the DeclineReason enum name) when declined. */
  decline_reason: string | null;
  /** SHA-256 of the card token: tells cards apart without keeping the token. */
  card_fingerprint: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Append-only: a trigger rejects UPDATE, DELETE and TRUNCATE. */
export interface PaymentLedgerTable {
  id: Generated<string>;
  payment_id: string;
  order_id: string;
  entry_type: LedgerEntryType;
  amount_minor: string | number | bigint;
  currency_code: string;
  recorded_at: Generated<Date>;
}

export interface PaymentsDatabase {
  payments: PaymentsTable;
  payment_ledger: PaymentLedgerTable;
}
