import { metricsRegistry } from '@bazaar/observability';
import { Counter } from 'prom-client';
import type { ReleaseOutcome } from './release-stock.js';
import type { ReserveOutcome } from './reserve-stock.js';

/**
 * `reserved` / `rejected`: new decisions; `repeated`: a command for an order that already had an outcome;
 * `released`: stock given back on request; `expired`: given back by the sweeper; `restocked`: a committed
 * order's units back on the shelf after its saga was cancelled.
 */
export type ReservationMetricOutcome = 'reserved' | 'rejected' | 'repeated' | 'released' | 'expired' | 'restocked' | 'committed' | 'commit_missed';

const reservationsTotal = new Counter({
  name: 'inventory_reservations_total',
  help: 'Reservation decisions and releases, by outcome',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export function countReservation(outcome: ReserveOutcome): void {
  reservationsTotal.inc({ outcome: outcome.repeated ? 'repeated' : outcome.kind });
}

export function countRelease(outcome: ReleaseOutcome, trigger: 'command' | 'expiry'): void {
  if (outcome === 'released') reservationsTotal.inc({ outcome: trigger === 'expiry' ? 'expired' : 'released' });
  else if (outcome === 'restocked') reservationsTotal.inc({ outcome: 'restocked' });
}

/** `committed`: a confirmed order's units left the shelf; `commit_missed`: the order was confirmed but held nothing (e.g. expired first). */
export function countCommit(outcome: 'committed' | 'nothing-held'): void {
  reservationsTotal.inc({ outcome: outcome === 'committed' ? 'committed' : 'commit_missed' });
}
