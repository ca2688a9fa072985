import { describe, expect, it } from '@jest/globals';
import type { SagaInput, SagaView } from './saga-state.js';
import { decide } from './saga-transitions.js';

const pending: SagaView = { status: 'PENDING', step: 'reserve_stock' };
const reserved: SagaView = { status: 'STOCK_RESERVED', step: 'authorize_payment' };
const confirmed: SagaView = { status: 'CONFIRMED', step: 'create_shipment' };
const cancelled: SagaView = { status: 'CANCELLED', step: null };
const shipped: SagaView = { status: 'SHIPPED', step: null };

const steps = (view: SagaView, input: SagaInput) => decide(view, input)?.timeline.map((n) => `${n.step}:${n.outcome}`);

describe('checkout saga transitions', () => {
  it('walks the happy path: reserve → authorize → confirm + capture → shipped', () => {
    expect(decide(pending, { kind: 'StockReserved', reservationId: 'r' })).toMatchObject({
      status: 'STOCK_RESERVED',
      step: 'authorize_payment',
      commands: ['AuthorizePayment'],
    });
    expect(decide(reserved, { kind: 'PaymentAuthorized', paymentId: 'p-1' })).toMatchObject({
      status: 'CONFIRMED',
      step: 'create_shipment',
      commands: ['CapturePayment', 'OrderConfirmed'],
      paymentId: 'p-1',
    });
    expect(decide(confirmed, { kind: 'ShipmentCreated', trackingId: 'T-1' })).toMatchObject({
      status: 'SHIPPED',
      step: null,
      commands: ['OrderShipped'],
      trackingId: 'T-1',
    });
  });

  it('cancels on rejected stock without touching payments', () => {
    const t = decide(pending, { kind: 'StockRejected', reason: 'P1 has 0 left' });
    expect(t).toMatchObject({ status: 'CANCELLED', step: null, commands: ['OrderCancelled'], reason: 'out of stock: P1 has 0 left' });
    expect(steps(pending, { kind: 'StockRejected', reason: 'x' })).toEqual(['reserve_stock:failed', 'cancel_order:succeeded']);
  });

  it('releases stock when the payment is declined', () => {
    expect(decide(reserved, { kind: 'PaymentDeclined', reason: 'card declined' })).toMatchObject({
      status: 'CANCELLED',
      commands: ['ReleaseStock', 'OrderCancelled'],
      reason: 'payment declined: card declined',
    });
  });

  it('refunds and releases when shipping fails', () => {
    expect(decide(confirmed, { kind: 'ShipmentFailed', reason: 'no carrier' })?.commands).toEqual(['RefundPayment', 'ReleaseStock', 'OrderCancelled']);
  });

  it('compensates a timed-out step in reverse, undoing its possible late success', () => {
    expect(decide(pending, { kind: 'StepTimedOut', step: 'reserve_stock' })?.commands).toEqual(['ReleaseStock', 'OrderCancelled']);
    expect(decide(reserved, { kind: 'StepTimedOut', step: 'authorize_payment' })).toMatchObject({
      status: 'CANCELLED',
      commands: ['VoidPayment', 'ReleaseStock', 'OrderCancelled'],
      reason: 'payment authorization timed out',
    });
    expect(decide(confirmed, { kind: 'StepTimedOut', step: 'create_shipment' })?.commands).toEqual(['RefundPayment', 'ReleaseStock', 'OrderCancelled']);
    expect(steps(reserved, { kind: 'StepTimedOut', step: 'authorize_payment' })).toEqual([
      'authorize_payment:timed_out',
      'void_payment:requested',
      'release_stock:requested',
      'cancel_order:succeeded',
    ]);
  });

  it('ignores a timeout of a step the saga already left', () => {
    expect(decide(reserved, { kind: 'StepTimedOut', step: 'reserve_stock' })).toBeUndefined();
    expect(decide(cancelled, { kind: 'StepTimedOut', step: 'authorize_payment' })).toBeUndefined();
  });

  it('voids a payment authorized after the order was cancelled, and releases late stock', () => {
    expect(decide(cancelled, { kind: 'PaymentAuthorized', paymentId: 'p' })).toMatchObject({ status: 'CANCELLED', step: null, commands: ['VoidPayment'] });
    expect(decide(cancelled, { kind: 'StockReserved', reservationId: 'r' })).toMatchObject({ status: 'CANCELLED', commands: ['ReleaseStock'] });
  });

  it('notes a shipment created after the order was cancelled, which shipping withdraws on its own', () => {
    expect(decide(cancelled, { kind: 'ShipmentCreated', trackingId: 'T' })).toMatchObject({
      status: 'CANCELLED',
      step: null,
      commands: [],
      timeline: [{ step: 'create_shipment', outcome: 'late' }],
    });
  });

  it('ignores duplicate, stale and out-of-order replies', () => {
    expect(decide(reserved, { kind: 'StockReserved', reservationId: 'r' })).toBeUndefined();
    expect(decide(pending, { kind: 'PaymentAuthorized', paymentId: 'p' })).toBeUndefined();
    expect(decide(shipped, { kind: 'ShipmentCreated', trackingId: 'T' })).toBeUndefined();
    expect(decide(shipped, { kind: 'PaymentDeclined', reason: 'x' })).toBeUndefined();
    expect(decide(cancelled, { kind: 'PaymentDeclined', reason: 'x' })).toBeUndefined();
  });

  it('notes acknowledged compensations on the timeline without changing state', () => {
    expect(decide(cancelled, { kind: 'Acknowledged', step: 'release_stock' })).toEqual({
      status: 'CANCELLED',
      step: null,
      commands: [],
      timeline: [{ step: 'release_stock', outcome: 'succeeded', detail: '' }],
    });
  });
});
