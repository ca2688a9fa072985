import { metricsRegistry } from '@bazaar/observability';
import { Counter } from 'prom-client';
import type { StreamName } from './fold-events.js';

export const lateEvents = new Counter({
  name: 'analytics_late_events_total',
  help: 'Events that arrived after their 1-minute pane closed on their partition: counted, not folded into any window.',
  labelNames: ['stream'] as const,
  registers: [metricsRegistry],
});

export const foldedEvents = new Counter({
  name: 'analytics_events_applied_total',
  help: 'Events applied to the aggregates (late ones included), by input stream.',
  labelNames: ['stream'] as const,
  registers: [metricsRegistry],
});

// Both streams report 0 from the start, so dashboards and alerts see the series before the first event.
const streams: StreamName[] = ['clickstream', 'orders'];
for (const stream of streams) {
  lateEvents.inc({ stream }, 0);
  foldedEvents.inc({ stream }, 0);
}
