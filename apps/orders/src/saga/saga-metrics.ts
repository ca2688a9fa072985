import { metricsRegistry, withTraceExemplars } from '@bazaar/observability';
import { Counter, Histogram } from 'prom-client';
import type { Applied } from './saga-engine.js';

const sagaOutcomes = new Counter({
  name: 'orders_saga_outcomes_total',
  help: 'Checkout sagas that ended, by end state (SHIPPED or CANCELLED).',
  labelNames: ['end_state'] as const,
  registers: [metricsRegistry],
});

/** Traced: recorded where the saga ended, so a slow bucket's exemplar is that checkout's trace. */
const sagaDuration = withTraceExemplars(
  new Histogram({
    name: 'orders_saga_duration_seconds',
    help: 'Time from PlaceOrder to the end of the checkout saga, by end state.',
    labelNames: ['end_state'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [metricsRegistry],
    enableExemplars: true,
  }),
);

/** Called after the transaction that ended a saga committed. */
export function recordSagaEnd(applied: Applied | undefined): void {
  if (!applied?.endedAs) return;
  sagaOutcomes.inc({ end_state: applied.endedAs });
  if (applied.durationSeconds !== undefined) sagaDuration.observe({ end_state: applied.endedAs }, applied.durationSeconds);
}
