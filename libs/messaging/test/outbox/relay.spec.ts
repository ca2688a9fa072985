import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from '@bazaar/persistence';
import { waitFor } from '@bazaar/testing';
import { createConsumer, ensureTopics, idempotentHandler, type OutgoingRecord, type Publisher, type AnyDatabase, type AnyTransaction } from '../../src/index.js';
import { countRows, databaseTargets, resetTables, type DatabaseTarget } from '../support/databases.js';
import { createTestTopic, readTopic, recordCount, silentLogger, testConnection, testPublisher, testTopicSpec, type ReadRecord } from '../support/kafka.js';
import { CountedEvent, type Counted } from '../support/message-types.js';
import { changeAggregate, relays, testOutbox } from '../support/outbox.js';

describe.each(databaseTargets)('outbox relay on %s with a real broker', (_name, makeTarget) => {
  const target: DatabaseTarget = makeTarget();
  const connection = testConnection();
  let publisher: Publisher;
  let relay: ReturnType<typeof relays>;
  let database: AnyDatabase;
  let topic: string;

  beforeAll(async () => {
    publisher = testPublisher(connection);
    await publisher.connect();
    relay = relays(publisher);
    ({ database } = await target.open());
  });
  beforeEach(async () => {
    await resetTables(database);
    topic = await createTestTopic(connection);
  });
  afterEach(() => relay.stopAll());
  afterAll(async () => {
    await publisher.disconnect();
    await target.cleanup();
  });

  it('never publishes the event of a rolled-back transaction (issue test 2)', async () => {
    const relayed = relay.start(database);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await changeAggregateIn(trx);
        throw new Error('business rule violated');
      }),
    ).rejects.toThrow('business rule violated');
    await changeAggregate(database, topic, 'committed');
    await relayed.drain();

    const records = await readTopic(topic);
    expect(records.map((record) => decode(record).aggregate)).toEqual(['committed']);
    expect(await countRows(database, 'messaging_outbox')).toBe(1);
  });

  it('publishes events of concurrent transactions in per-aggregate order', async () => {
    const relayed = relay.start(database, { batchSize: 25 });
    const aggregates = Array.from({ length: 10 }, (_, i) => `order-${i}`);
    const perAggregate = 30;
    // 10 writers at once, each changing every aggregate in turn: transactions on one aggregate interleave.
    await Promise.all(
      aggregates.map(async (_, writer) => {
        for (let i = 0; i < perAggregate; i++) {
          await changeAggregate(database, topic, aggregates[(writer + i) % aggregates.length]!);
        }
      }),
    );
    await relayed.drain();

    const records = await readTopic(topic);
    expect(records).toHaveLength(aggregates.length * perAggregate);
    const versions = new Map<string, number[]>();
    for (const record of inLogOrder(records)) {
      const event = decode(record);
      expect(record.key).toBe(event.aggregate);
      versions.set(event.aggregate, [...(versions.get(event.aggregate) ?? []), event.version]);
    }
    for (const aggregate of aggregates) {
      expect(versions.get(aggregate)).toEqual(Array.from({ length: perAggregate }, (_, i) => i + 1));
    }
  });

  it('republishes a batch after a crash between ack and mark-sent; the consumer applies it once (issue test 3)', async () => {
    const events = [await changeAggregate(database, topic, 'a'), await changeAggregate(database, topic, 'b')];
    let crashed: readonly OutgoingRecord[] = [];
    const crashing = relay.start(database, {
      retryBackoffMs: { min: 600_000, max: 600_000 },
      hooks: {
        afterPublish: async (records) => {
          crashed = records;
          throw new Error('simulated crash after the broker acked');
        },
      },
    });
    await waitUntil(() => crashed.length > 0);
    await crashing.stop();
    expect(await recordCount(topic)).toBe(events.length);
    expect(await unpublished(database)).toBe(events.length);

    await relay.start(database).drain();
    const records = await readTopic(topic);
    expect(records).toHaveLength(2 * events.length);
    expect(await unpublished(database)).toBe(0);

    // Every delivery goes through a real consumer whose handler is idempotent.
    let deliveries = 0;
    const consumer = createConsumer(connection, { groupId: `dedupe-${topic}`, topics: [testTopicSpec(topic)], logger: silentLogger, lagIntervalMs: 0 });
    const applyOnce = idempotentHandler<Counted>(database, 'test-consumer', async (event, trx) => {
      await trx.insertInto('effects').values({ event_id: event.eventId, consumer: event.payload.aggregate }).execute();
    });
    consumer.on(CountedEvent, async (event, context) => {
      await applyOnce(event, context);
      deliveries++;
    });
    await consumer.start();
    try {
      await waitUntil(() => deliveries === records.length, 60_000);
    } finally {
      await consumer.stop();
    }
    const effects = await database.db.selectFrom('effects').select('consumer').orderBy('consumer').execute();
    expect(effects).toEqual([{ consumer: 'a' }, { consumer: 'b' }]);
  });

  it('records a batch the broker does not acknowledge in time as failed, stops promptly, and publishes it once the broker can', async () => {
    // A topic that does not exist yet (auto creation is off): the producer retries the send without end, as in an outage.
    const absent = `${topic}-later`;
    await changeAggregate(database, absent, 'held');
    const stuck = relay.start(database, { publishTimeoutMs: 300, retryBackoffMs: { min: 50, max: 100 } });
    await waitUntil(async () => (await failedAttempts(database)).attempts >= 3);
    // the first pass timed out; later ones waited for that send instead of starting another copy
    expect((await failedAttempts(database)).lastError).toMatch(/earlier publish still not settled after another 300 ms/);
    await stuck.stop();

    await ensureTopics(connection, [testTopicSpec(absent)], { replicationFactor: 1 });
    await relay.start(database).drain();
    expect(await unpublished(database)).toBe(0);
    // the abandoned send lands too once it can: one duplicate, not one per failed pass
    await waitUntil(async () => (await recordCount(absent)) >= 2, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await readTopic(absent)).map(decode)).toEqual([
      { aggregate: 'held', version: 1 },
      { aggregate: 'held', version: 1 },
    ]);
  });

  it('finds new rows by polling when no NOTIFY reaches it', async () => {
    const relayed = relay.start(database, { listen: undefined, pollIntervalMs: { min: 20, max: 100 } });
    await relayed.drain();
    await changeAggregate(database, topic, 'polled');
    await waitUntil(async () => (await recordCount(topic)) === 1);
    expect(decode((await readTopic(topic))[0]!)).toEqual({ aggregate: 'polled', version: 1 });
  });

  async function changeAggregateIn(trx: AnyTransaction): Promise<void> {
    await sql`insert into aggregates (id) values ('rolled-back')`.execute(trx);
    await testOutbox(topic).enqueue(trx, CountedEvent, 'rolled-back', { aggregate: 'rolled-back', version: 1 });
  }
});

function decode(record: ReadRecord): Counted {
  return CountedEvent.decode(record.value);
}

function inLogOrder(records: ReadRecord[]): ReadRecord[] {
  return [...records].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

async function unpublished(database: AnyDatabase): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from messaging_outbox where published_at is null`.execute(database.db);
  return rows[0]!.n;
}

async function failedAttempts(database: AnyDatabase): Promise<{ attempts: number; lastError: string | null }> {
  const { rows } = await sql<{ attempts: number; last_error: string | null }>`
    select attempts, last_error from messaging_outbox where published_at is null order by id limit 1`.execute(database.db);
  return { attempts: Number(rows[0]?.attempts ?? 0), lastError: rows[0]?.last_error ?? null };
}

/** Polls `condition` (generous timeout: the machine is shared; nothing here asserts timing). */
async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  await waitFor(async () => (await condition()) || undefined, { timeoutMs, intervalMs: 25 });
}
