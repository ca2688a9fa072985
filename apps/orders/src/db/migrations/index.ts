import { messagingMigrations } from '@bazaar/messaging';
import type { Migration } from '@bazaar/persistence';
import { createOrders } from './0001_create_orders.js';

export const ordersMigrations: Record<string, Migration> = {
  ...messagingMigrations,
  '0001_create_orders': createOrders,
};
