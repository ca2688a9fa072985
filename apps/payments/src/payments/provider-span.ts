import { paymentsV1 } from '@bazaar/contracts';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ProviderDecision } from './test-cards.js';

const tracer = trace.getTracer('@bazaar/payments');

/**
 * The provider's authorization as a CLIENT span (the provider is simulated, the span is where a real
 * one's call would be): a decline is the failing path of a checkout, so it ends with ERROR status.
 * Never the card token: only the order and the outcome.
 */
export function tracedAuthorization(orderId: string, decide: () => ProviderDecision): ProviderDecision {
  const span = tracer.startSpan('payment provider authorize', {
    kind: SpanKind.CLIENT,
    attributes: { 'bazaar.order.id': orderId, 'bazaar.payment.provider': 'simulated' },
  });
  const decision = decide();
  span.setAttribute('bazaar.payment.outcome', decision.kind);
  if (decision.kind === 'declined') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: `payment declined: ${paymentsV1.declineReasonToJSON(decision.reason)}` });
  }
  span.end();
  return decision;
}
