import { inActiveSpan } from '@bazaar/observability';
import { ROOT_CONTEXT, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import type { OrderStatus, TimelineNote } from './saga-state.js';

const tracer = trace.getTracer('@bazaar/orders');

/** On every saga span: `npm run trace -- <order id>` and trace search in Grafana/X-Ray find the checkout by it. */
export const ORDER_ID_ATTRIBUTE = 'bazaar.order.id';

/**
 * Runs one saga transition in an INTERNAL span `saga <input>` under the active span (the gRPC call
 * or the consumed reply), so its outbox messages, written inside, carry this span as their parent.
 */
export function inSagaSpan<T>(input: string, orderId: string, work: (span: Span) => Promise<T>): Promise<T> {
  return inActiveSpan(tracer, `saga ${input}`, { attributes: { [ORDER_ID_ATTRIBUTE]: orderId, 'bazaar.saga.input': input } }, work);
}

/**
 * The transition as attributes and one `saga.step` event per timeline entry. The input that cancels
 * the order (decline, rejection, failure, timeout) ends the saga's failing path: ERROR status.
 */
export function recordTransition(span: Span, from: OrderStatus, to: OrderStatus, notes: readonly TimelineNote[], reason = ''): void {
  span.setAttributes({ 'bazaar.order.status.previous': from, 'bazaar.order.status': to });
  if (to === 'CANCELLED' && from !== 'CANCELLED') span.setStatus({ code: SpanStatusCode.ERROR, message: `order cancelled: ${reason || 'no reason given'}` });
  for (const note of notes) {
    span.addEvent('saga.step', {
      'bazaar.saga.step': note.step,
      'bazaar.saga.outcome': note.outcome,
      ...(note.detail ? { 'bazaar.saga.detail': note.detail } : {}),
    });
  }
}

/** The active trace context as a carrier to store with the order. */
export function activeTraceContext(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `work` in the trace stored with an order, so a later step (a timeout) shows on the checkout's trace. */
export function inStoredTrace<T>(carrier: Record<string, string>, work: () => Promise<T>): Promise<T> {
  return context.with(propagation.extract(ROOT_CONTEXT, carrier), work);
}
