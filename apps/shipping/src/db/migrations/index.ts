import { messagingMigrations } from '@bazaar/messaging';
import type { Migration } from '@bazaar/persistence';
import { createShipments } from './0001_create_shipments.js';
import { cancelledShipments } from './0002_cancelled_shipments.js';

export const shippingMigrations: Record<string, Migration> = {
  ...messagingMigrations,
  '0001_create_shipments': createShipments,
  '0002_cancelled_shipments': cancelledShipments,
};
