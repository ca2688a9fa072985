import { isTerminal, type SagaInput, type SagaStep, type SagaView, type TimelineNote, type Transition } from './saga-state.js';

const note = (step: string, outcome: string, detail = ''): TimelineNote => ({ step, outcome, detail });

function cancel(reason: string, failed: TimelineNote, compensations: ('ReleaseStock' | 'VoidPayment' | 'RefundPayment')[]): Transition {
  const requested: Record<(typeof compensations)[number], string> = {
    ReleaseStock: 'release_stock',
    VoidPayment: 'void_payment',
    RefundPayment: 'refund_payment',
  };
  return {
    status: 'CANCELLED',
    step: null,
    commands: [...compensations, 'OrderCancelled'],
    timeline: [failed, ...compensations.map((c) => note(requested[c], 'requested', reason)), note('cancel_order', 'succeeded', reason)],
    reason,
  };
}

const TIMEOUT_REASONS: Record<SagaStep, string> = {
  reserve_stock: 'stock reservation timed out',
  authorize_payment: 'payment authorization timed out',
  create_shipment: 'shipment creation timed out',
};

/**
 * Compensation after each step fails, in reverse order of what was done. A timed-out step also undoes
 * its own possible late success: stock may still get reserved, a payment may still get authorized.
 * Shipment failures refund rather than void: CapturePayment went out at confirmation on the same
 * key, so payments handles it before the refund.
 */
function onTimeout(step: SagaStep): Transition {
  const failed = note(step, 'timed_out', TIMEOUT_REASONS[step]);
  if (step === 'reserve_stock') return cancel(TIMEOUT_REASONS[step], failed, ['ReleaseStock']);
  if (step === 'authorize_payment') return cancel(TIMEOUT_REASONS[step], failed, ['VoidPayment', 'ReleaseStock']);
  return cancel(TIMEOUT_REASONS[step], failed, ['RefundPayment', 'ReleaseStock']);
}

/** A reply for a saga that already ended: undo what the participant just did, change nothing else. */
function afterEnd(view: SagaView, input: SagaInput): Transition | undefined {
  const unchanged = { status: view.status, step: view.step };
  if (input.kind === 'PaymentAuthorized' && view.status === 'CANCELLED') {
    const reason = 'payment authorized after the order was cancelled';
    return { ...unchanged, commands: ['VoidPayment'], timeline: [note('authorize_payment', 'late', reason), note('void_payment', 'requested', reason)], reason };
  }
  if (input.kind === 'StockReserved' && view.status === 'CANCELLED') {
    const reason = 'stock reserved after the order was cancelled';
    return { ...unchanged, commands: ['ReleaseStock'], timeline: [note('reserve_stock', 'late', reason), note('release_stock', 'requested', reason)], reason };
  }
  if (input.kind === 'ShipmentCreated' && view.status === 'CANCELLED') {
    // shipping withdraws it itself when it reads the OrderCancelled that follows its OrderConfirmed
    const reason = 'shipment created after the order was cancelled; shipping withdraws it';
    return { ...unchanged, commands: [], timeline: [note('create_shipment', 'late', reason)] };
  }
  return undefined;
}

/**
 * The checkout saga as a table: (where the order is, what happened) → new state, outbox messages and
 * timeline notes. `undefined` means the input changes nothing (a duplicate, stale or unexpected reply).
 */
export function decide(view: SagaView, input: SagaInput): Transition | undefined {
  if (input.kind === 'Acknowledged') {
    return { status: view.status, step: view.step, commands: [], timeline: [note(input.step, 'succeeded')] };
  }
  if (isTerminal(view.status)) return afterEnd(view, input);

  switch (`${view.step}:${input.kind}`) {
    case 'reserve_stock:StockReserved':
      return {
        status: 'STOCK_RESERVED',
        step: 'authorize_payment',
        commands: ['AuthorizePayment'],
        timeline: [note('reserve_stock', 'succeeded'), note('authorize_payment', 'requested')],
      };
    case 'reserve_stock:StockRejected': {
      const reason = `out of stock: ${(input as { reason: string }).reason || 'rejected by inventory'}`;
      return cancel(reason, note('reserve_stock', 'failed', reason), []);
    }
    case 'authorize_payment:PaymentAuthorized':
      return {
        status: 'CONFIRMED',
        step: 'create_shipment',
        commands: ['CapturePayment', 'OrderConfirmed'],
        timeline: [note('authorize_payment', 'succeeded'), note('capture_payment', 'requested'), note('create_shipment', 'requested')],
        paymentId: (input as { paymentId: string }).paymentId,
      };
    case 'authorize_payment:PaymentDeclined': {
      const reason = `payment declined: ${(input as { reason: string }).reason}`;
      return cancel(reason, note('authorize_payment', 'failed', reason), ['ReleaseStock']);
    }
    case 'create_shipment:ShipmentCreated': {
      const trackingId = (input as { trackingId: string }).trackingId;
      return { status: 'SHIPPED', step: null, commands: ['OrderShipped'], timeline: [note('create_shipment', 'succeeded', trackingId)], trackingId };
    }
    case 'create_shipment:ShipmentFailed': {
      const reason = `shipment failed: ${(input as { reason: string }).reason || 'no reason given'}`;
      return cancel(reason, note('create_shipment', 'failed', reason), ['RefundPayment', 'ReleaseStock']);
    }
  }
  if (input.kind === 'StepTimedOut' && input.step === view.step) return onTimeout(input.step);
  return undefined;
}
