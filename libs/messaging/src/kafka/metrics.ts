import { metricsRegistry, withTraceExemplars } from '@bazaar/observability';
import { Counter, Histogram } from 'prom-client';

// Labels are topic/type/group names only: bounded by the topic catalog, never ids or keys.

export const publishedTotal = new Counter({
  name: 'messaging_published_total',
  help: 'Records acknowledged by the Kafka brokers, by topic.',
  labelNames: ['topic'] as const,
  registers: [metricsRegistry],
});

export const consumedTotal = new Counter({
  name: 'messaging_consumed_total',
  help: 'Handler outcomes per consumed record attempt: ok, retry (an attempt failed and will be retried), dlq (sent to the DLQ).',
  labelNames: ['topic', 'type', 'group', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** Traced: a slow bucket's exemplar is the trace of a record handled that slowly. */
export const handlerDuration = withTraceExemplars(
  new Histogram({
    name: 'messaging_handler_duration_seconds',
    help: 'Duration of one handler attempt, by topic, message type, consumer group and outcome.',
    labelNames: ['topic', 'type', 'group', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [metricsRegistry],
    enableExemplars: true,
  }),
);

export const dlqTotal = new Counter({
  name: 'messaging_dlq_total',
  help: 'Records written to a dead-letter topic, by source topic.',
  labelNames: ['topic'] as const,
  registers: [metricsRegistry],
});
