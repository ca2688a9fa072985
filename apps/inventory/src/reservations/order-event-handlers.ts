import { messages } from '@bazaar/contracts';
import { processOnce, type EventConsumer } from '@bazaar/messaging';
import type { Database } from '@bazaar/persistence';
import type { Logger } from '@bazaar/observability';
import type { InventoryDatabase } from '../db/schema.js';
import { commitReservation, type CommitOutcome } from './commit-reservation.js';
import { countCommit } from './reservation-metrics.js';
import type { InventoryTransaction } from './stock-locks.js';

/**
 * Order lifecycle events: OrderConfirmed commits the order's reservation. The
 * others need nothing from inventory (the saga sends ReleaseStock itself), but
 * are registered so they are acknowledged rather than dead-lettered.
 */
export function registerOrderEventHandlers(
  consumer: EventConsumer,
  deps: { database: Database<InventoryDatabase>; group: string; logger: Logger },
): EventConsumer {
  const ignore = async () => undefined;
  return consumer
    .on(messages.OrderConfirmed, async (event) => {
      let outcome: CommitOutcome | undefined;
      const result = await processOnce(deps.database, deps.group, event, async (trx) => {
        outcome = await commitReservation(trx as InventoryTransaction, event.payload.orderId, new Date());
      });
      if (result !== 'processed' || !outcome) return;
      countCommit(outcome);
      const order = { order_id: event.payload.orderId };
      if (outcome === 'recommitted') deps.logger.warn(order, 'order confirmed after its reservation expired; its units were still free and are taken again');
      if (outcome === 'short') deps.logger.error(order, 'order confirmed after its reservation expired and its units are gone: oversold');
      if (outcome === 'nothing-held') deps.logger.warn(order, 'order confirmed without a reservation to commit');
    })
    .on(messages.OrderPlaced, ignore)
    .on(messages.OrderCancelled, ignore)
    .on(messages.OrderShipped, ignore);
}
