/** Row shapes of the analytics tables (see migrations/0001_create_aggregates.ts). */
export interface AnalyticsDatabase {
  product_panes: { pane_start: Date; product_id: string; views: number; added_to_cart: number };
  product_orders: { pane_start: Date; product_id: string; order_id: string };
  session_panes: { pane_start: Date; stage: 'viewed' | 'carted'; session_id: string };
  order_panes: { pane_start: Date; state: OrderState; order_id: string };
  checkout_sessions: { order_id: string; session_id: string; user_id: string };
  order_amounts: { order_id: string; currency_code: string; amount_nanos: string };
  late_events: { pane_start: Date; stream: string; events: number };
  pane_changes: { pane_start: Date; version: number; changed_at: Date };
}

export type OrderState = 'PLACED' | 'CONFIRMED' | 'CANCELLED' | 'SHIPPED';
export const ORDER_STATES: readonly OrderState[] = ['PLACED', 'CONFIRMED', 'CANCELLED', 'SHIPPED'];
