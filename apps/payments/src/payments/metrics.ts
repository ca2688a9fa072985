import { metricsRegistry } from '@bazaar/observability';
import { Counter } from 'prom-client';

/** authorized, declined_card_declined, declined_insufficient_funds, no_answer, captured, voided, refunded. */
export const paymentOutcomes = new Counter({
  name: 'payments_outcomes_total',
  help: 'Payment state changes, by outcome (authorized, declined_<reason>, no_answer, captured, voided, refunded).',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

/** applied: changed the payment; replayed: answered with the existing outcome; ignored: illegal in the current state. */
export const paymentCommands = new Counter({
  name: 'payments_commands_total',
  help: 'Payment commands handled, by command and result (applied, replayed, ignored).',
  labelNames: ['command', 'result'] as const,
  registers: [metricsRegistry],
});
