import { TraceFlags, context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { Histogram } from 'prom-client';

/** `{ trace_id }` of the active sampled span: the exemplar Grafana follows from a latency bucket to the trace. */
function traceExemplar(): Record<string, string> {
  const spanContext = trace.getSpanContext(context.active());
  if (!spanContext || !isSpanContextValid(spanContext) || !(spanContext.traceFlags & TraceFlags.SAMPLED)) return {};
  return { trace_id: spanContext.traceId };
}

type Labels<T extends string> = Partial<Record<T, string | number>>;
interface Observation<T extends string> {
  labels?: Labels<T>;
  value: number;
  exemplarLabels?: Record<string, string>;
}
type ObserveArgs<T extends string> = [number] | [Labels<T>, number] | [Observation<T>];

/**
 * Makes every observation made inside a sampled span keep that trace id as its bucket's exemplar,
 * whichever form the caller uses. The histogram must be created with `enableExemplars: true` (prom-client
 * sets up the exemplar slots in its constructor). Wrapping rather than subclassing keeps every metric
 * a plain `new Histogram({ name, … })`, which is what the dashboard test looks for.
 */
export function withTraceExemplars<T extends string>(histogram: Histogram<T>): Histogram<T> {
  if (!(histogram as unknown as { enableExemplars: boolean }).enableExemplars) {
    throw new Error('withTraceExemplars: create the histogram with enableExemplars: true');
  }
  const observeWithExemplar = histogram.observe.bind(histogram) as (data: Observation<T>) => void;
  // prom-client's own startTimer ends in the object form, so timers get the exemplar of the span active when they stop.
  histogram.observe = ((...args: ObserveArgs<T>) => {
    const [first, second] = args;
    if (typeof first === 'number') return observeWithExemplar({ value: first, exemplarLabels: traceExemplar() });
    if (second !== undefined) return observeWithExemplar({ labels: first as Labels<T>, value: second, exemplarLabels: traceExemplar() });
    const data = first as Observation<T>;
    observeWithExemplar({ ...data, exemplarLabels: { ...traceExemplar(), ...data.exemplarLabels } });
  }) as Histogram<T>['observe'];
  return histogram;
}
