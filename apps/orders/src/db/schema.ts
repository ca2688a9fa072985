import type { Generated } from '@bazaar/persistence';
import type { OrderStatus, SagaStep, TimelineEntry } from '../saga/saga-state.js';

export interface StoredLine {
  productId: string;
  quantity: number;
  /** Minor units of the order's currency, from the catalog when the order was placed. */
  unitPriceMinor: string;
}

export interface StoredAddress {
  name: string;
  street: string;
  city: string;
  postalCode: string;
  countryCode: string;
}

export interface OrdersTable {
  id: string;
  user_id: string;
  idempotency_key: string;
  status: OrderStatus;
  lines: StoredLine[];
  currency_code: string;
  total_minor: string | number | bigint;
  shipping_address: StoredAddress;
  /** Held only until AuthorizePayment is written to the outbox, then NULL. */
  card_token: string | null;
  /** The saga step waiting for a reply, and when it times out; NULL once the saga ended. */
  step: SagaStep | null;
  step_deadline: Date | null;
  cancel_reason: Generated<string>;
  tracking_id: Generated<string>;
  payment_id: Generated<string>;
  timeline: TimelineEntry[];
  /** W3C trace context (traceparent, tracestate) of the saga's first span. */
  trace_context: Generated<Record<string, string>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrdersDatabase {
  orders: OrdersTable;
}
