import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from '@bazaar/persistence';
import { waitFor } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';
import { idempotentHandler, messagingConfig, startMessaging, type MessagingRuntime, type TopicSpec } from '../../src/index.js';
import { pgliteTarget, type OpenedDatabase } from '../support/databases.js';
import { kafkaBrokers, recordCount, silentLogger } from '../support/kafka.js';
import { CountedEvent } from '../support/message-types.js';

/** A service's whole Kafka side through one call: topics, outbox relay, consumer, shutdown. */
describe('startMessaging', () => {
  const target = pgliteTarget();
  let opened: OpenedDatabase;
  let runtime: MessagingRuntime;
  const topic: TopicSpec = {
    name: `runtime.${randomUUID().slice(0, 8)}`,
    messageTypes: [CountedEvent] as never,
    partitions: 2,
    retentionMs: 3_600_000,
    consumerGroups: ['runtime-test'],
    dlq: '',
  };
  topic.dlq = `${topic.name}.dlq`;

  beforeAll(async () => {
    opened = await target.open();
    runtime = await startMessaging({
      service: 'runtime-test',
      config: messagingConfig.parse({ KAFKA_BROKERS: kafkaBrokers().join(',') }),
      database: opened.database,
      logger: silentLogger,
      topicOf: () => topic,
      topics: [topic],
    });
  });
  afterAll(async () => {
    await runtime?.stop();
    await target.cleanup();
  });

  it('creates its topics, relays what a transaction wrote, and consumes it exactly once in effect', async () => {
    expect(await recordCount(topic.dlq)).toBe(0); // exists (created with its DLQ), empty

    const consumer = runtime.consumer({ groupId: `runtime-${randomUUID().slice(0, 8)}`, topics: [topic] });
    consumer.on(
      CountedEvent,
      idempotentHandler(opened.database, consumer.groupId, async (event, trx) => {
        await sql`insert into effects (event_id, consumer) values (${event.eventId}, 'runtime')`.execute(trx);
      }),
    );
    await consumer.start();

    await opened.database.db.transaction().execute(async (trx) => {
      await sql`insert into aggregates (id, version) values ('a-1', 1)`.execute(trx);
      await runtime.outbox.enqueue(trx, CountedEvent, 'a-1', { aggregate: 'a-1', version: 1 });
    });

    await waitFor(
      async () => {
        const { rows } = await sql<{ n: number }>`select count(*) as n from effects`.execute(opened.database.db);
        return rows[0]!.n === 1;
      },
      { timeoutMs: 30_000, what: 'the consumed effect' },
    );
    expect(runtime.isHealthy()).toBe(true);
  });

  it('stops consumers, relay and producer once, however often asked', async () => {
    await Promise.all([runtime.stop(), runtime.stop()]);
    await runtime.stop();
  });
});
