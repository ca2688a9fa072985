import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@bazaar/testing';
import { createConsumer, processOnce, type EventConsumer, type IncomingEvent, type ProcessOutcome, type Publisher, type AnyDatabase, type AnyTransaction } from '../../src/index.js';
import { postgresTarget } from '../support/databases.js';
import { createTestTopic, silentLogger, testConnection, testPublisher, testTopicSpec } from '../support/kafka.js';
import { CountedEvent, type Counted } from '../support/message-types.js';
import { changeAggregate, relays } from '../support/outbox.js';

describe('a consumer killed after its DB commit, before its offset commit (issue test 4)', () => {
  const target = postgresTarget();
  const connection = testConnection();
  const group = `crash-${randomBytes(4).toString('hex')}`;
  let database: AnyDatabase;
  let publisher: Publisher;
  let relay: ReturnType<typeof relays>;
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    ({ database } = await target.open());
    publisher = testPublisher(connection);
    await publisher.connect();
    relay = relays(publisher);
  });
  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop().catch(() => undefined)));
    await relay.stopAll();
    await publisher.disconnect();
    await target.cleanup();
  });

  const effect = (event: IncomingEvent<Counted>) => async (trx: AnyTransaction) => {
    await trx.insertInto('effects').values({ event_id: event.eventId, consumer: group }).execute();
  };

  function startConsumer(topic: string, onEvent: (event: IncomingEvent<Counted>) => Promise<void>): EventConsumer {
    const consumer = createConsumer(connection, {
      groupId: group,
      topics: [testTopicSpec(topic)],
      logger: silentLogger,
      lagIntervalMs: 0,
      backoff: { initialMs: 50, maxMs: 50 },
    });
    consumer.on(CountedEvent, onEvent);
    consumers.push(consumer);
    return consumer;
  }

  it('redelivers the event to the next consumer, which finds it in the inbox and applies nothing', async () => {
    const topic = await createTestTopic(connection, 1);
    await changeAggregate(database, topic, 'order-1');
    await relay.start(database).drain();

    // The first instance commits its effect and inbox row, then dies before kafkajs commits the offset.
    let committed: ProcessOutcome | undefined;
    const first: EventConsumer = startConsumer(topic, async (event) => {
      committed = await processOnce(database, group, event, effect(event));
      void first.stop();
      throw new Error('simulated crash after the database commit');
    });
    await first.start();
    await waitFor(async () => committed, { timeoutMs: 30_000, what: 'the first delivery' });
    await first.stop();

    const redelivered: ProcessOutcome[] = [];
    const second = startConsumer(topic, async (event) => {
      redelivered.push(await processOnce(database, group, event, effect(event)));
    });
    await second.start();
    await waitFor(async () => redelivered.length > 0, { timeoutMs: 60_000, what: 'the redelivery' });

    expect(committed).toBe('processed');
    expect(redelivered).toEqual(['duplicate']);
    const effects = await database.db.selectFrom('effects').selectAll().execute();
    expect(effects).toHaveLength(1);
  });
});
