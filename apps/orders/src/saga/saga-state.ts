/** Where an order is in its life (ordersV1.OrderStatus without the prefix). */
export type OrderStatus = 'PENDING' | 'STOCK_RESERVED' | 'CONFIRMED' | 'SHIPPED' | 'CANCELLED';

/** The saga step an open order waits on: the reply it expects next. */
export type SagaStep = 'reserve_stock' | 'authorize_payment' | 'create_shipment';

export interface TimelineEntry {
  /** e.g. "reserve_stock", "authorize_payment", "release_stock". */
  step: string;
  /** "requested", "succeeded", "failed", "timed_out", "late". */
  outcome: string;
  detail: string;
  /** ISO 8601. */
  at: string;
}

/** What the saga reacts to: a participant's reply, a step's timeout, or an acknowledged compensation. */
export type SagaInput =
  | { kind: 'StockReserved'; reservationId: string }
  | { kind: 'StockRejected'; reason: string }
  | { kind: 'PaymentAuthorized'; paymentId: string }
  | { kind: 'PaymentDeclined'; reason: string }
  | { kind: 'ShipmentCreated'; trackingId: string }
  | { kind: 'ShipmentFailed'; reason: string }
  | { kind: 'StepTimedOut'; step: SagaStep }
  | { kind: 'Acknowledged'; step: 'release_stock' | 'capture_payment' | 'void_payment' | 'refund_payment' };

/** Messages the saga writes to the outbox: commands to participants and the order's own events. */
export type SagaCommand =
  | 'AuthorizePayment'
  | 'CapturePayment'
  | 'VoidPayment'
  | 'RefundPayment'
  | 'ReleaseStock'
  | 'OrderConfirmed'
  | 'OrderShipped'
  | 'OrderCancelled';

export interface SagaView {
  status: OrderStatus;
  step: SagaStep | null;
}

export type TimelineNote = Omit<TimelineEntry, 'at'>;

/** The effect of one input on one order; applied (state + outbox + timeline) in one transaction. */
export interface Transition {
  status: OrderStatus;
  /** The reply now awaited (a new deadline starts when it changes); null when none is. */
  step: SagaStep | null;
  commands: SagaCommand[];
  timeline: TimelineNote[];
  /** Why compensation runs: the order's cancel reason and the reason on Release/Void/Refund. */
  reason?: string;
  paymentId?: string;
  trackingId?: string;
}

export const isTerminal = (status: OrderStatus): boolean => status === 'SHIPPED' || status === 'CANCELLED';
