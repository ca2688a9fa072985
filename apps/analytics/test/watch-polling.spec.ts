import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, sql, type Database } from '@bazaar/persistence';
import { createTestDatabase, waitFor, type TestDatabase } from '@bazaar/testing';
import { analyticsMigrations } from '../src/db/migrations/index.js';
import type { AnalyticsDatabase } from '../src/db/schema.js';
import { AnalyticsReader } from '../src/read/analytics-reader.js';
import { MetricsWatcher } from '../src/watch/metrics-watcher.js';
import { K } from './support/analytics.js';
import { silentLogger } from './support/events.js';

const POLL_MS = 50;

/**
 * Holds an exclusive lock on pane_changes, so every watcher check blocks on its first query: the number
 * of blocked queries is then the number of poll loops running.
 */
async function lockPaneChanges(database: Database<unknown>): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const transaction = database.db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE pane_changes IN ACCESS EXCLUSIVE MODE`.execute(trx);
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await transaction;
  };
}

async function blockedChecks(database: Database<unknown>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%FROM pane_changes%'`.execute(database.db);
  return rows[0]?.n ?? 0;
}

describe('WatchMetrics polling', () => {
  let testDatabase: TestDatabase;
  let database: Database<AnalyticsDatabase>;
  let other: Database<unknown>;

  beforeAll(async () => {
    testDatabase = await createTestDatabase({ prefix: 'analytics' });
    database = await openDatabase<AnalyticsDatabase>({ service: 'analytics-test', databaseUrl: testDatabase.url, migrations: analyticsMigrations });
    other = await openDatabase<unknown>({ service: 'analytics-test', databaseUrl: testDatabase.url, migrations: analyticsMigrations });
  });

  afterAll(async () => {
    await other?.close();
    await database?.close();
    await testDatabase?.drop();
  });

  it('keeps one poll loop when the last watcher leaves and a new one arrives during a check', async () => {
    const reader = new AnalyticsReader(database.db, { consumer: 'analytics-test-polling', allowedLatenessMs: 0 });
    const watcher = new MetricsWatcher(database.db, reader, silentLogger, { pollIntervalMs: POLL_MS });
    let unlock = await lockPaneChanges(other);
    const first = watcher.watch(K.WINDOW_KIND_TUMBLING_1M, 10).subscribe();
    await waitFor(async () => (await blockedChecks(other)) === 1, { timeoutMs: 5_000, what: 'a check in flight' });
    first.unsubscribe();
    const second = watcher.watch(K.WINDOW_KIND_TUMBLING_1M, 10).subscribe();
    await unlock();

    unlock = await lockPaneChanges(other);
    try {
      await waitFor(async () => (await blockedChecks(other)) >= 1, { timeoutMs: 5_000, what: 'the next check' });
      // Ten poll intervals: a second loop would be blocked here by now too.
      await new Promise((resolve) => setTimeout(resolve, 10 * POLL_MS));
      expect(await blockedChecks(other)).toBe(1);
    } finally {
      second.unsubscribe();
      watcher.close();
      await unlock();
    }
  }, 30_000);
});
