import { messages, type Timestamp } from '@bazaar/contracts';
import type { AnyTransaction, Outbox } from '@bazaar/messaging';
import type { ReserveOutcome } from './reserve-stock.js';

/** Writes the answer to a ReserveStock command into the outbox, in the transaction that decided it. */
export async function enqueueReserveOutcome(outbox: Outbox, trx: AnyTransaction, orderId: string, outcome: ReserveOutcome): Promise<void> {
  switch (outcome.kind) {
    case 'reserved':
      await outbox.enqueue(
        trx,
        messages.StockReserved,
        orderId,
        messages.StockReserved.create({ orderId, reservationId: outcome.reservationId, expiresAt: toTimestamp(outcome.expiresAt) }),
      );
      return;
    case 'rejected':
      await outbox.enqueue(
        trx,
        messages.StockRejected,
        orderId,
        messages.StockRejected.create({ orderId, reason: outcome.reason, unavailable: outcome.unavailable }),
      );
      return;
    case 'released':
      await enqueueStockReleased(outbox, trx, orderId);
  }
}

export async function enqueueStockReleased(outbox: Outbox, trx: AnyTransaction, orderId: string): Promise<void> {
  await outbox.enqueue(trx, messages.StockReleased, orderId, messages.StockReleased.create({ orderId }));
}

export function toTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}
