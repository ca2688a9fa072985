import { sql } from '@bazaar/persistence';
import { createOutbox, startOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type RecordPublisher, type AnyDatabase } from '../../src/index.js';
import { CountedEvent, type Counted } from './message-types.js';
import { silentLogger } from './kafka.js';

/** Routes the test event to one topic. */
export function testOutbox(topic: string) {
  return createOutbox({ producer: 'messaging-test', topicOf: () => topic });
}

/** The usual business transaction: bump the aggregate's version (locking it), then enqueue the change. */
export async function changeAggregate(database: AnyDatabase, topic: string, aggregate: string): Promise<Counted> {
  const outbox = testOutbox(topic);
  return database.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ version: number }>`
      insert into aggregates (id, version) values (${aggregate}, 1)
      on conflict (id) do update set version = aggregates.version + 1
      returning version`.execute(trx);
    const event = { aggregate, version: rows[0]!.version };
    await outbox.enqueue(trx, CountedEvent, aggregate, event);
    return event;
  });
}

/** A relay with test defaults; every relay started here is stopped by `stopRelays()`. */
export function relays(publisher: RecordPublisher) {
  const started: OutboxRelay[] = [];
  return {
    start(database: AnyDatabase, options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
      const relay = startOutboxRelay({ database, publisher, logger: silentLogger, pollIntervalMs: { min: 20, max: 200 }, ...options });
      started.push(relay);
      return relay;
    },
    stopAll: () => Promise.all(started.splice(0).map((relay) => relay.stop())),
  };
}
