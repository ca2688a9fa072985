import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace, type Context, type Span } from '@opentelemetry/api';

export const tracer = trace.getTracer('@bazaar/messaging');

/** The context a carrier (stored trace context or record headers) describes. */
export function extractContext(carrier: Record<string, string>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** Writes `ctx`'s trace context (traceparent, tracestate, baggage) into `carrier`. */
export function injectContext(ctx: Context, carrier: Record<string, string>): void {
  propagation.inject(ctx, carrier);
}

export function startProducerSpan(topic: string, parent: Context, attributes: Record<string, string | number>): Span {
  return tracer.startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': topic,
        ...attributes,
      },
    },
    parent,
  );
}

export function failSpan(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}
