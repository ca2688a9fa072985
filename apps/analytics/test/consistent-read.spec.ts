import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, sql, type Database } from '@bazaar/persistence';
import { createTestDatabase, waitFor, type TestDatabase } from '@bazaar/testing';
import { analyticsMigrations } from '../src/db/migrations/index.js';
import type { AnalyticsDatabase } from '../src/db/schema.js';
import { AnalyticsReader } from '../src/read/analytics-reader.js';
import { K } from './support/analytics.js';

const CONSUMER = 'analytics-test-consistent';
const window = { kind: K.WINDOW_KIND_TUMBLING_1M, startMs: Date.parse('2026-01-01T10:00:00Z'), endMs: Date.parse('2026-01-01T10:01:00Z') };

async function waitingOnStreamOffsets(database: Database<unknown>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%FROM messaging_stream_offsets%'`.execute(database.db);
  return (rows[0]?.n ?? 0) > 0;
}

describe('an answer reads one snapshot', () => {
  let testDatabase: TestDatabase;
  let database: Database<AnalyticsDatabase>;
  let writer: Database<unknown>;

  beforeAll(async () => {
    testDatabase = await createTestDatabase({ prefix: 'analytics' });
    database = await openDatabase<AnalyticsDatabase>({ service: 'analytics-test', databaseUrl: testDatabase.url, migrations: analyticsMigrations });
    writer = await openDatabase<unknown>({ service: 'analytics-test', databaseUrl: testDatabase.url, migrations: analyticsMigrations });
    await sql`INSERT INTO messaging_stream_offsets (consumer, topic, partition, next_offset, stream_time)
      VALUES (${CONSUMER}, 't', 0, 1, ${new Date('2026-01-01T10:00:30Z')})`.execute(writer.db);
  });

  afterAll(async () => {
    await writer?.close();
    await database?.close();
    await testDatabase?.drop();
  });

  it('never reports a window closed without the facts of the batch that closed it', async () => {
    const reader = new AnalyticsReader(database.db, { consumer: CONSUMER, allowedLatenessMs: 0 });
    let answer: ReturnType<typeof reader.topProducts> | undefined;
    // A batch that folds a view into the window and moves the stream time past its end, committing while
    // the query is in flight (its read of the stream times waits for the batch's lock).
    await writer.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE messaging_stream_offsets IN ACCESS EXCLUSIVE MODE`.execute(trx);
      answer = reader.topProducts([window], 10);
      await waitFor(async () => waitingOnStreamOffsets(writer), { timeoutMs: 5_000, what: 'the query waiting for the batch' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql`INSERT INTO product_panes (pane_start, product_id, views, added_to_cart) VALUES (${new Date(window.startMs)}, 'P1', 1, 0)`.execute(trx);
      await sql`UPDATE messaging_stream_offsets SET stream_time = ${new Date('2026-01-01T10:01:30Z')} WHERE consumer = ${CONSUMER}`.execute(trx);
    });
    const [top] = (await answer) ?? [];
    const seen = { closed: top?.window?.closed, products: top?.products.map((p) => p.productId) };
    expect([
      { closed: false, products: [] },
      { closed: true, products: ['P1'] },
    ]).toContainEqual(seen);
  }, 30_000);
});
