import { messagingMigrations } from '@bazaar/messaging';
import type { Migration } from '@bazaar/persistence';
import { createPayments } from './0001_create_payments.js';
import { createPaymentLedger } from './0002_create_payment_ledger.js';

export const paymentsMigrations: Record<string, Migration> = {
  ...messagingMigrations,
  '0001_create_payments': createPayments,
  '0002_create_payment_ledger': createPaymentLedger,
};
