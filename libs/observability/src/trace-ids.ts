import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** The trace and span id of the active span, or `{}` outside of one. */
export function traceIds(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getSpanContext(context.active());
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
