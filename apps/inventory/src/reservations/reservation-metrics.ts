import { metricsRegistry } from '@bazaar/observability';
import { Counter } from 'prom-client';
import type { CommitOutcome } from './commit-reservation.js';
import type { ReleaseOutcome } from './release-stock.js';
import type { ReserveOutcome } from './reserve-stock.js';

/**
 * `reserved` / `rejected`: new decisions; `repeated`: a command for an order that already had an outcome;
 * `released`: stock given back on request; `expired`: given back by the sweeper; `restocked`: a committed
 * order's units back on the shelf after its saga was cancelled; `committed` / `recommitted` / `commit_short` /
 * `commit_missed`: what a confirmation did (see CommitOutcome).
 */
export type ReservationMetricOutcome = 'reserved' | 'rejected' | 'repeated' | 'released' | 'expired' | 'restocked' | 'committed' | 'recommitted' | 'commit_short' | 'commit_missed';

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

/** `commit_short` means oversold (alert on it); `commit_missed`, a confirmation with no reservation to commit. */
export function countCommit(outcome: CommitOutcome): void {
  const label = { committed: 'committed', recommitted: 'recommitted', short: 'commit_short', 'nothing-held': 'commit_missed' } as const;
  reservationsTotal.inc({ outcome: label[outcome] });
}
