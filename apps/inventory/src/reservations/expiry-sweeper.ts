import type { Outbox } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { Database } from '@bazaar/persistence';
import type { InventoryDatabase } from '../db/schema.js';
import { enqueueStockReleased } from './outcome-events.js';
import { countRelease } from './reservation-metrics.js';
import { EXPIRED, releaseReservation } from './release-stock.js';


export interface SweepDependencies {
  database: Database<InventoryDatabase>;
  outbox: Outbox;
  /** Reservations released per sweep at most; the next sweep takes the rest. */
  batchSize?: number;
}

/**
 * Releases reservations held past their expiry, one transaction each (emitting StockReleased), and returns
 * how many it released. Safe in every replica: the release re-checks the row under its lock.
 */
export async function sweepExpiredReservations(deps: SweepDependencies, now: Date = new Date()): Promise<number> {
  const expired = await deps.database.db
    .selectFrom('reservations')
    .select('order_id')
    .where('status', '=', 'held')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(deps.batchSize ?? 100)
    .execute();
  let released = 0;
  for (const { order_id: orderId } of expired) {
    const outcome = await deps.database.db.transaction().execute(async (trx) => {
      const result = await releaseReservation(trx, orderId, { reason: EXPIRED, now, onlyIfExpired: true });
      if (result === 'released') await enqueueStockReleased(deps.outbox, trx, orderId);
      return result;
    });
    countRelease(outcome, 'expiry');
    if (outcome === 'released') released += 1;
  }
  return released;
}

export interface ExpirySweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** Sweeps every `intervalMs`; a failed sweep is logged and retried at the next tick. */
export function startExpirySweeper(deps: SweepDependencies & { intervalMs: number; logger: Logger }): ExpirySweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = sweepExpiredReservations(deps)
      .then((released) => {
        if (released > 0) deps.logger.info({ released }, 'released expired reservations');
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'expiry sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, deps.intervalMs);
      });
  };
  timer = setTimeout(tick, deps.intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
