import { messages } from '@bazaar/contracts';
import { PermanentError, processOnce, type EventConsumer, type Outbox } from '@bazaar/messaging';
import type { Database } from '@bazaar/persistence';
import type { InventoryDatabase } from '../db/schema.js';
import { enqueueReserveOutcome, enqueueStockReleased } from './outcome-events.js';
import { countRelease, countReservation } from './reservation-metrics.js';
import { releaseReservation, type ReleaseOutcome } from './release-stock.js';
import { reserveStock, type ReserveOutcome } from './reserve-stock.js';
import type { InventoryTransaction } from './stock-locks.js';

const MAX_ORDER_ID_LENGTH = 200;
const MAX_REASON_LENGTH = 500;

export interface CommandDependencies {
  database: Database<InventoryDatabase>;
  /** The consumer group: also the inbox's name for these commands. */
  group: string;
  outbox: Outbox;
  reservationTtlMs: number;
}

/**
 * ReserveStock / ReleaseStock: each command's effect and its answer commit together with its inbox row, so an
 * exact redelivery changes nothing; a new command for an order that already has an outcome is answered the same way.
 */
export function registerCommandHandlers(consumer: EventConsumer, deps: CommandDependencies): EventConsumer {
  return consumer
    .on(messages.ReserveStock, async (event) => {
      const orderId = requireOrderId(event.payload.orderId);
      let outcome: ReserveOutcome | undefined;
      const result = await processOnce(deps.database, deps.group, event, async (trx) => {
        outcome = await reserveStock(trx as InventoryTransaction, event.payload, { ttlMs: deps.reservationTtlMs, now: new Date() });
        await enqueueReserveOutcome(deps.outbox, trx, orderId, outcome);
      });
      if (result === 'processed' && outcome) countReservation(outcome);
    })
    .on(messages.ReleaseStock, async (event) => {
      const orderId = requireOrderId(event.payload.orderId);
      // Stored as text: PostgreSQL text cannot hold NUL, and a reason is a note, not a document.
      const reason = event.payload.reason.replaceAll('\u0000', '').slice(0, MAX_REASON_LENGTH) || 'released';
      let outcome: ReleaseOutcome | undefined;
      const result = await processOnce(deps.database, deps.group, event, async (trx) => {
        outcome = await releaseReservation(trx as InventoryTransaction, orderId, { reason, now: new Date() });
        // Answered even when nothing was held (the contract): the saga waits for it either way.
        await enqueueStockReleased(deps.outbox, trx, orderId);
      });
      if (result === 'processed' && outcome) countRelease(outcome, 'command');
    });
}

/** Without an order id there is no one to answer: straight to the DLQ. */
function requireOrderId(orderId: string): string {
  if (!orderId.trim()) throw new PermanentError('command without an order_id');
  if (orderId.length > MAX_ORDER_ID_LENGTH) throw new PermanentError(`order_id longer than ${MAX_ORDER_ID_LENGTH} characters`);
  if (orderId.includes('\u0000')) throw new PermanentError('order_id contains a NUL character');
  return orderId;
}
