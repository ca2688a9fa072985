import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase } from '@bazaar/persistence';
import { createTestDatabase, freePort, startNodeProcess, waitFor, type TestDatabase } from '@bazaar/testing';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyticsMigrations } from '../src/db/migrations/index.js';
import type { AnalyticsTopics } from '../src/stream/analytics-stream.js';
import { answers, appliedRecords, dumpAggregates, newConsumerName, startInstance, waitUntilApplied } from './support/analytics.js';
import { eventMix } from './support/event-mix.js';
import { createTestTopics, EventScript, kafkaBrokers } from './support/events.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const events = eventMix(600);

describe('exactly-once effect across a crash', () => {
  let topics: AnalyticsTopics;
  let crashed: TestDatabase;
  let uninterrupted: TestDatabase;

  beforeAll(async () => {
    topics = await createTestTopics('crash', 3);
    [crashed, uninterrupted] = [await createTestDatabase({ prefix: 'analytics' }), await createTestDatabase({ prefix: 'analytics' })];
    const publisher = new EventScript(topics);
    await publisher.publish(events);
    await publisher.close();
  }, 60_000);

  afterAll(async () => {
    await crashed?.drop();
    await uninterrupted?.drop();
  });

  it('a process SIGKILLed mid-stream and restarted ends with the totals of an uninterrupted run', async () => {
    const consumer = newConsumerName('crash');
    const child = startNodeProcess({
      name: 'analytics child',
      script: path.join(here, 'support/analytics-child.mjs'),
      env: {
        GRPC_PORT: String(await freePort()),
        ADMIN_PORT: String(await freePort()),
        HOST: '127.0.0.1',
        DATABASE_URL: crashed.url,
        KAFKA_BROKERS: kafkaBrokers(),
        TEST_CLICKSTREAM_TOPIC: topics.clickstream.name,
        TEST_ORDERS_TOPIC: topics.ordersEvents.name,
        TEST_CONSUMER: consumer,
        TEST_PAUSE_AFTER_COMMIT_MS: '25',
        ANALYTICS_IDLE_PARTITION_MS: '0',
      },
    });
    const database = await openDatabase<unknown>({ service: 'analytics-test', databaseUrl: crashed.url, migrations: analyticsMigrations });
    let appliedAtKill: number;
    try {
      appliedAtKill = await waitFor(
        async () => {
          const applied = await appliedRecords(database, consumer, topics);
          return applied >= events.length / 4 ? applied : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 20, what: `the child to apply a quarter of the records; child output:\n${child.logs().join('\n')}` },
      );
      await child.stop('SIGKILL');
      appliedAtKill = await appliedRecords(database, consumer, topics);
    } finally {
      await database.close();
    }
    expect(appliedAtKill).toBeLessThan(events.length);

    const restarted = await startInstance(crashed.url, { topics, consumer });
    await waitUntilApplied(crashed.url, consumer, topics, events.length, 90_000);
    const afterCrash = await answers(restarted.client, '2026-01-01T09:00:00Z', '2026-01-01T11:00:00Z');
    await restarted.stop();

    const referenceConsumer = newConsumerName('reference');
    const reference = await startInstance(uninterrupted.url, { topics, consumer: referenceConsumer });
    await waitUntilApplied(uninterrupted.url, referenceConsumer, topics, events.length, 90_000);
    const expected = await answers(reference.client, '2026-01-01T09:00:00Z', '2026-01-01T11:00:00Z');
    await reference.stop();

    expect(afterCrash).toEqual(expected);
    const [crashedDump, referenceDump] = [await dumpAggregates(crashed.url), await dumpAggregates(uninterrupted.url)];
    expect(crashedDump).toEqual(referenceDump);
    expect((crashedDump['late_events'] ?? []).length).toBeGreaterThan(0);
  }, 240_000);
});
