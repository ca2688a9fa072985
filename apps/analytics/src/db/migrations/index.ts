import { inboxMigrations, streamOffsetsMigrations } from '@bazaar/messaging';
import type { Migration } from '@bazaar/persistence';
import { createAggregates } from './0001_create_aggregates.js';

export const analyticsMigrations: Record<string, Migration> = {
  ...inboxMigrations,
  ...streamOffsetsMigrations,
  '0001_create_aggregates': createAggregates,
};
