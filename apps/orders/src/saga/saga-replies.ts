import { messages, paymentsV1, topics, type MessageType } from '@bazaar/contracts';
import { idempotentHandler, type AnyDatabase, type MessagingRuntime } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { SagaEngine } from './saga-engine.js';
import { recordSagaEnd } from './saga-metrics.js';
import type { SagaInput } from './saga-state.js';

const declineReason = (reason: paymentsV1.DeclineReason) =>
  paymentsV1.declineReasonToJSON(reason).replace(/^DECLINE_REASON_/, '').toLowerCase().replace(/_/g, ' ');

/** Each reply the saga consumes, as a saga input. */
const replies: [MessageType<never>, (payload: never) => SagaInput][] = [
  [messages.StockReserved as never, (e: { reservationId: string }) => ({ kind: 'StockReserved', reservationId: e.reservationId })],
  [messages.StockRejected as never, (e: { reason: string }) => ({ kind: 'StockRejected', reason: e.reason })],
  [messages.StockReleased as never, () => ({ kind: 'Acknowledged', step: 'release_stock' })],
  [messages.PaymentAuthorized as never, (e: { paymentId: string }) => ({ kind: 'PaymentAuthorized', paymentId: e.paymentId })],
  [messages.PaymentDeclined as never, (e: { reason: paymentsV1.DeclineReason }) => ({ kind: 'PaymentDeclined', reason: declineReason(e.reason) })],
  [messages.PaymentCaptured as never, () => ({ kind: 'Acknowledged', step: 'capture_payment' })],
  [messages.PaymentVoided as never, () => ({ kind: 'Acknowledged', step: 'void_payment' })],
  [messages.PaymentRefunded as never, () => ({ kind: 'Acknowledged', step: 'refund_payment' })],
  [messages.ShipmentCreated as never, (e: { trackingId: string }) => ({ kind: 'ShipmentCreated', trackingId: e.trackingId })],
  [messages.ShipmentFailed as never, (e: { reason: string }) => ({ kind: 'ShipmentFailed', reason: e.reason })],
];

export const replyTopics = [topics.inventoryEvents, topics.paymentsEvents, topics.shippingEvents];

/** Consumes the participants' replies; each one advances its order's saga exactly once. */
export function startReplyConsumer(options: {
  messaging: MessagingRuntime;
  database: AnyDatabase;
  engine: SagaEngine;
  groupId: string;
  logger: Logger;
}): Promise<void> {
  const consumer = options.messaging.consumer({ groupId: options.groupId, topics: replyTopics });
  for (const [type, toInput] of replies) {
    consumer.on(type, async (event, context) => {
      const orderId = (event.payload as { orderId: string }).orderId || event.key;
      let applied: Awaited<ReturnType<SagaEngine['apply']>> = undefined;
      await idempotentHandler(options.database, options.groupId, async (_event, trx) => {
        applied = await options.engine.apply(trx, orderId, toInput(event.payload));
      })(event, context);
      if (applied === undefined) options.logger.debug({ orderId, type: event.type }, 'reply changed no saga (unknown order, duplicate or stale)');
      recordSagaEnd(applied);
    });
  }
  return consumer.start();
}
