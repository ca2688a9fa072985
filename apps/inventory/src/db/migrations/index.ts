import { messagingMigrations } from '@bazaar/messaging';
import type { Migration } from '@bazaar/persistence';
import { createStock } from './0001_create_stock.js';
import { seedInitialStock } from './0002_seed_stock.js';
import { committedReservations } from './0003_committed_reservations.js';

export const inventoryMigrations: Record<string, Migration> = {
  ...messagingMigrations,
  '0001_create_stock': createStock,
  '0002_seed_stock': seedInitialStock,
  '0003_committed_reservations': committedReservations,
};
