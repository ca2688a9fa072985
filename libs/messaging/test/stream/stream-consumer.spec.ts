import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import { metricsRegistry } from '@bazaar/observability';
import { openDatabase, sql, type Kysely, type Migration } from '@bazaar/persistence';
import { createTestDatabase, waitFor, type TestDatabase } from '@bazaar/testing';
import {
  buildRecord,
  createTransactionalStreamConsumer,
  inboxMigrations,
  readPositions,
  streamOffsetsMigrations,
  type AnyDatabase,
  type KafkaConnection,
  type TransactionalStreamConsumer,
} from '../../src/index.js';
import { kyselyOf } from '../../src/outbox/tables.js';
import { lockPartition } from '../../src/stream/offset-store.js';
import { installTracing } from '../kafka/support.js';
import { CountedEvent } from '../support/message-types.js';
import { createTestTopic, readTopic, silentLogger, testConnection, testPublisher, testTopicSpec } from '../support/kafka.js';

const applied: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`create table applied (event_id text not null, aggregate text not null, stream_time timestamptz not null)`.execute(db);
  },
};
const migrations = { ...inboxMigrations, ...streamOffsetsMigrations, '0001_applied': applied };

describe('transactional stream consumer (offsets in the database)', () => {
  let connection: KafkaConnection;
  let topic: string;
  const databases: TestDatabase[] = [];
  const opened: AnyDatabase[] = [];

  async function freshDatabase(): Promise<AnyDatabase> {
    const testDatabase = await createTestDatabase({ prefix: 'messaging' });
    databases.push(testDatabase);
    const database = await openDatabase<unknown>({ service: 'messaging-test', databaseUrl: testDatabase.url, migrations });
    opened.push(database);
    return database;
  }

  function consumerOn(database: AnyDatabase, consumer: string, deduplicate = true): TransactionalStreamConsumer {
    return createTransactionalStreamConsumer({
      connection,
      database,
      consumer,
      topics: [testTopicSpec(topic)],
      types: [CountedEvent],
      logger: silentLogger,
      deduplicate,
      lagIntervalMs: 200,
      validate: (event) => ((event.payload as { aggregate: string }).aggregate === 'unstorable' ? 'aggregate is unstorable' : undefined),
      apply: async (trx, batch) => {
        for (const event of batch.events) {
          await sql`insert into applied values (${event.eventId}, ${(event.payload as { aggregate: string }).aggregate}, ${event.streamTime})`.execute(trx);
        }
      },
    });
  }

  const appliedCount = async (database: AnyDatabase) =>
    Number((await sql<{ n: number }>`select count(*)::int as n from applied`.execute(database.db)).rows[0]?.n);
  const position = async (database: AnyDatabase, consumer: string) =>
    (await readPositions(database, consumer, [topic])).reduce((sum, p) => sum + Number(p.nextOffset), 0);

  beforeAll(async () => {
    connection = testConnection();
    topic = await createTestTopic(connection, 3);
  });

  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close()));
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('applies every record once, dead-letters poison (also what would fail every retry), drops duplicate ids, and continues from its stored offsets', async () => {
    const publisher = testPublisher(connection);
    const base = Date.parse('2026-01-01T10:00:00Z');
    const records = Array.from({ length: 30 }, (_, i) =>
      buildRecord({ topic: testTopicSpec(topic), type: CountedEvent, key: `a${i % 5}`, payload: { aggregate: `a${i % 5}`, version: i }, producer: 'test', occurredAt: new Date(base + i * 1000) }),
    );
    const duplicate = { ...(records[3] as (typeof records)[number]) };
    const poison = { ...(records[4] as (typeof records)[number]), eventId: 'poison', type: 'bazaar.test.v1.Unknown' };
    // an event time after the record was produced: a bad clock, not an event
    const future = { ...(records[5] as (typeof records)[number]), eventId: 'future', occurredAt: new Date(Date.now() + 3_600_000) };
    // records that decode but would fail their transaction every time: dead-lettered, not blocking the partition
    const nulId = { ...(records[6] as (typeof records)[number]), eventId: 'nul\u0000id' };
    const rejected = buildRecord({ topic: testTopicSpec(topic), type: CountedEvent, key: 'a1', payload: { aggregate: 'unstorable', version: 0 }, producer: 'test', eventId: 'rejected' });
    await publisher.publishRecords([...records, duplicate, poison, future, nulId, rejected]);

    const database = await freshDatabase();
    const first = consumerOn(database, 'stream-test');
    await first.start();
    await waitFor(async () => (await position(database, 'stream-test')) === 35, { timeoutMs: 30_000, what: 'all 35 records consumed' });
    // lag from the stored offsets: 0 on each of the 3 partitions once everything is applied
    await waitFor(
      async () => {
        const lag = (await metricsRegistry.getSingleMetric('messaging_consumer_lag')?.get())?.values.filter((v) => v.labels['group'] === 'stream-test' && v.labels['topic'] === topic);
        return lag?.length === 3 && lag.every((v) => v.value === 0);
      },
      { timeoutMs: 10_000, what: 'messaging_consumer_lag of 0 on every partition' },
    );
    await first.stop();
    expect(await appliedCount(database)).toBe(30);
    const dlq = await readTopic(`${topic}.dlq`);
    expect(dlq.map((r) => r.headers['ce_id']).sort()).toEqual(['future', 'nul\u0000id', 'poison', 'rejected']);
    // stream time per record: the latest event time on its partition so far
    const { rows } = await sql<{ aggregate: string; stream_time: Date }>`select aggregate, stream_time from applied`.execute(database.db);
    expect(Math.max(...rows.map((r) => r.stream_time.getTime()))).toBe(base + 29_000);

    // more records while it is down; a restart (same group) applies only those — without the inbox's help
    await publisher.publishRecords([
      buildRecord({ topic: testTopicSpec(topic), type: CountedEvent, key: 'a9', payload: { aggregate: 'a9', version: 99 }, producer: 'test', occurredAt: new Date(base + 60_000) }),
    ]);
    const second = consumerOn(database, 'stream-test', false);
    await second.start();
    await waitFor(async () => (await position(database, 'stream-test')) === 36, { timeoutMs: 30_000, what: 'the new record consumed' });
    await second.stop();
    expect(await appliedCount(database)).toBe(31);
    await publisher.disconnect();
  }, 90_000);

  it('lets go of the partition of an instance that froze mid-batch, for the instance taking it over', async () => {
    const frozenTopic = await createTestTopic(connection, 1);
    const spec = testTopicSpec(frozenTopic, 1);
    const publisher = testPublisher(connection);
    await publisher.publishRecords([buildRecord({ topic: spec, type: CountedEvent, key: 'f', payload: { aggregate: 'f', version: 1 }, producer: 'test' })]);
    await publisher.disconnect();
    const database = await freshDatabase();
    let frozen!: () => void;
    const isFrozen = new Promise<void>((resolve) => (frozen = resolve));
    let thaw!: () => void;
    const thawed = new Promise<void>((resolve) => (thaw = resolve));
    const stale = createTransactionalStreamConsumer({
      ...{ connection, database, consumer: 'stream-frozen', topics: [spec], types: [CountedEvent], logger: silentLogger, lagIntervalMs: 0 },
      idleTransactionTimeoutMs: 1_000,
      apply: async () => {
        frozen();
        await thawed; // holds the partition's row lock, idle in its transaction
      },
    });
    await stale.start();
    await isFrozen;
    // What the instance now owning the partition does first: lock the partition's row.
    const position = await kyselyOf(database).transaction().execute(async (trx) => {
      await sql`select set_config('lock_timeout', '15000', true)`.execute(trx);
      return lockPartition(trx, 'stream-frozen', frozenTopic, 0);
    });
    expect(position.nextOffset).toBe(0n);
    // Thawed, the stale batch fails (its session is gone) and is applied on the retry, once.
    thaw();
    await waitFor(async () => (await readPositions(database, 'stream-frozen', [frozenTopic]))[0]?.nextOffset === 1n, { timeoutMs: 30_000, what: 'the retried batch' });
    await stale.stop();
  }, 60_000);

  it('makes its batch span active while applying and announcing a batch, so database work and logs join the trace', async () => {
    const tracing = installTracing();
    try {
      const database = await freshDatabase();
      const tracedTopic = await createTestTopic(connection, 1);
      const activeSpans: Array<{ phase: string; spanId: string | undefined }> = [];
      const consumer = createTransactionalStreamConsumer({
        connection,
        database,
        consumer: 'stream-traced',
        topics: [testTopicSpec(tracedTopic, 1)],
        types: [CountedEvent],
        logger: silentLogger,
        lagIntervalMs: 0,
        apply: async () => void activeSpans.push({ phase: 'apply', spanId: trace.getActiveSpan()?.spanContext().spanId }),
        afterCommit: async () => void activeSpans.push({ phase: 'afterCommit', spanId: trace.getActiveSpan()?.spanContext().spanId }),
      });
      const publisher = testPublisher(connection);
      await publisher.publishRecords([buildRecord({ topic: testTopicSpec(tracedTopic, 1), type: CountedEvent, key: 'a', payload: { aggregate: 'a', version: 1 }, producer: 'stream-test' })]);
      await publisher.disconnect();
      await consumer.start();
      try {
        await waitFor(async () => activeSpans.length === 2 || undefined, { timeoutMs: 30_000, what: 'the traced batch' });
      } finally {
        await consumer.stop();
      }
      const batchSpan = tracing.exporter.getFinishedSpans().find((span) => span.name === `process ${tracedTopic}`);
      expect(batchSpan).toBeDefined();
      expect(activeSpans).toEqual([
        { phase: 'apply', spanId: batchSpan!.spanContext().spanId },
        { phase: 'afterCommit', spanId: batchSpan!.spanContext().spanId },
      ]);
    } finally {
      await tracing.uninstall();
    }
  }, 60_000);

  it('replays from the start of retention into a fresh database, even with the same group', async () => {
    const database = await freshDatabase();
    const replay = consumerOn(database, 'stream-test');
    await replay.start();
    await waitFor(async () => (await position(database, 'stream-test')) === 36, { timeoutMs: 30_000, what: 'the replay' });
    await replay.stop();
    expect(await appliedCount(database)).toBe(31);
  }, 60_000);
});
