import type { Insertable, Kysely, Selectable, Transaction } from '@bazaar/persistence';
import type { LedgerEntryType, PaymentsDatabase, PaymentsTable, PaymentStatus } from '../db/schema.js';

export type PaymentRow = Selectable<PaymentsTable>;
type Db = Transaction<PaymentsDatabase> | Kysely<PaymentsDatabase>;

export interface LedgerEntry {
  entryType: LedgerEntryType;
  amountMinor: bigint;
  currencyCode: string;
}

/** Creates the order's payment unless it has one; true when this call created it (the unique order id decides). */
export async function insertPayment(trx: Transaction<PaymentsDatabase>, payment: Insertable<PaymentsTable>): Promise<boolean> {
  const inserted = await trx
    .insertInto('payments')
    .values(payment)
    .onConflict((conflict) => conflict.column('order_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The order's payment, locked until the transaction ends so transitions of one order never interleave. */
export async function lockPayment(trx: Transaction<PaymentsDatabase>, orderId: string): Promise<PaymentRow | undefined> {
  return trx.selectFrom('payments').selectAll().where('order_id', '=', orderId).forUpdate().executeTakeFirst();
}

export async function setStatus(trx: Transaction<PaymentsDatabase>, paymentId: string, status: PaymentStatus): Promise<void> {
  await trx.updateTable('payments').set({ status, updated_at: new Date() }).where('id', '=', paymentId).execute();
}

export async function appendLedger(trx: Transaction<PaymentsDatabase>, payment: PaymentRow, entry: LedgerEntry): Promise<void> {
  await trx
    .insertInto('payment_ledger')
    .values({
      payment_id: payment.id,
      order_id: payment.order_id,
      entry_type: entry.entryType,
      amount_minor: entry.amountMinor.toString(),
      currency_code: entry.currencyCode,
    })
    .execute();
}

/** The payment's ledger, oldest first. */
export async function ledgerOf(db: Db, orderId: string): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom('payment_ledger')
    .select(['entry_type', 'amount_minor', 'currency_code'])
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ entryType: row.entry_type, amountMinor: BigInt(String(row.amount_minor)), currencyCode: row.currency_code.trim() }));
}

/** The first ledger entry of a kind (each kind is written at most once per payment). */
export async function ledgerEntry(db: Db, orderId: string, entryType: LedgerEntryType): Promise<LedgerEntry | undefined> {
  return (await ledgerOf(db, orderId)).find((entry) => entry.entryType === entryType);
}
