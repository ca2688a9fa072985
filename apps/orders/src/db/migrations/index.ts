import { messagingMigrations } from '@bazaar/messaging';
import type { Migration } from '@bazaar/persistence';
import { createOrders } from './0001_create_orders.js';
import { orderTraceContext } from './0002_order_trace_context.js';

export const ordersMigrations: Record<string, Migration> = {
  ...messagingMigrations,
  '0001_create_orders': createOrders,
  '0002_order_trace_context': orderTraceContext,
};
