import type { Outbox, AnyTransaction } from '@bazaar/messaging';
import type { Span } from '@opentelemetry/api';
import { sql, type Transaction } from '@bazaar/persistence';
import type { OrdersDatabase } from '../db/schema.js';
import { messageFor, type OrderRow } from './saga-messages.js';
import { isTerminal, type OrderStatus, type SagaInput, type SagaStep, type TimelineEntry } from './saga-state.js';
import { inSagaSpan, recordTransition } from './saga-tracing.js';
import { decide } from './saga-transitions.js';

export interface SagaEngineOptions {
  outbox: Outbox;
  stepTimeoutMs: number;
  now?: () => Date;
}

/** What applying an input did: the saga's end state when this input ended it. */
export interface Applied {
  orderId: string;
  endedAs?: Extract<OrderStatus, 'SHIPPED' | 'CANCELLED'>;
  /** Seconds from placing the order to its end. */
  durationSeconds?: number;
}

export type SagaEngine = ReturnType<typeof createSagaEngine>;

/**
 * Applies saga inputs to stored orders: locks the order row, decides, then writes the new state, the
 * timeline, the step deadline and the outbox messages in the caller's transaction (with the inbox row,
 * when called from a consumer), so a crash either keeps all of it or none.
 */
export function createSagaEngine(options: SagaEngineOptions) {
  const now = options.now ?? (() => new Date());

  function apply(anyTrx: AnyTransaction, orderId: string, input: SagaInput): Promise<Applied | undefined> {
    return inSagaSpan(input.kind, orderId, (span) => applyTraced(anyTrx, orderId, input, span));
  }

  async function applyTraced(anyTrx: AnyTransaction, orderId: string, input: SagaInput, span: Span): Promise<Applied | undefined> {
    const trx = anyTrx as unknown as Transaction<OrdersDatabase>;
    const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).forUpdate().executeTakeFirst();
    if (!order) return undefined;
    const overdueStep = overdueStepOf(order, input, now());
    if (overdueStep) {
      // The step's deadline passed before its reply was read (the sweeper had not got to it, or the process
      // was down): it timed out, whatever the reply says, and the reply is then handled as a late one.
      const timedOut = await applyTraced(anyTrx, orderId, { kind: 'StepTimedOut', step: overdueStep }, span);
      await applyTraced(anyTrx, orderId, input, span);
      return timedOut;
    }
    const transition = decide({ status: order.status, step: order.step }, input);
    if (!transition) return undefined;
    recordTransition(span, order.status, transition.status, transition.timeline, transition.reason);

    const at = now();
    const stepChanged = transition.step !== order.step;
    const reason = transition.reason ?? '';
    const cancelling = transition.status === 'CANCELLED' && order.status !== 'CANCELLED';
    const sendsCardToken = transition.commands.includes('AuthorizePayment');
    const updated: OrderRow = {
      ...order,
      status: transition.status,
      step: transition.step,
      step_deadline: transition.step === null ? null : stepChanged ? new Date(at.getTime() + options.stepTimeoutMs) : order.step_deadline,
      cancel_reason: cancelling ? reason : order.cancel_reason,
      payment_id: transition.paymentId ?? order.payment_id,
      tracking_id: transition.trackingId ?? order.tracking_id,
    };
    const entries: TimelineEntry[] = transition.timeline.map((n) => ({ ...n, at: at.toISOString() }));

    // Messages are built before the card token is dropped from the row, and written after the row
    // update, so per-order outbox order follows the row lock.
    const outgoing = transition.commands.map((c) => messageFor(c, updated, reason));
    await trx
      .updateTable('orders')
      .set({
        status: updated.status,
        step: updated.step,
        step_deadline: updated.step_deadline,
        cancel_reason: updated.cancel_reason,
        payment_id: updated.payment_id,
        tracking_id: updated.tracking_id,
        card_token: sendsCardToken || isTerminal(transition.status) ? null : order.card_token,
        timeline: sql`timeline || cast(${JSON.stringify(entries)} as jsonb)`,
        updated_at: at,
      })
      .where('id', '=', orderId)
      .execute();
    for (const message of outgoing) await options.outbox.enqueue(anyTrx, message.type, message.key, message.payload);

    const ended = transition.status !== order.status && (transition.status === 'SHIPPED' || transition.status === 'CANCELLED');
    if (!ended) return { orderId };
    return { orderId, endedAs: transition.status as Applied['endedAs'], durationSeconds: (at.getTime() - new Date(order.created_at).getTime()) / 1000 };
  }

  return { apply };
}

/** The step the order waits on when a participant's reply is read after that step's deadline. */
function overdueStepOf(order: Pick<OrderRow, 'step' | 'step_deadline'>, input: SagaInput, at: Date): SagaStep | undefined {
  if (input.kind === 'StepTimedOut' || input.kind === 'Acknowledged') return undefined;
  if (order.step === null || order.step_deadline === null) return undefined;
  return new Date(order.step_deadline).getTime() <= at.getTime() ? order.step : undefined;
}
