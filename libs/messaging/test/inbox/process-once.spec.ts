import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from '@bazaar/persistence';
import { waitFor } from '@bazaar/testing';
import { idempotentHandler, processOnce, pruneInbox, type IncomingEvent, type AnyDatabase, type AnyTransaction } from '../../src/index.js';
import { countRows, databaseTargets, postgresTarget } from '../support/databases.js';

const recordEffect = (eventId: string, consumer: string) => async (trx: AnyTransaction) => {
  await trx.insertInto('effects').values({ event_id: eventId, consumer }).execute();
};

function incoming(eventId: string): IncomingEvent<string> {
  return {
    eventId,
    type: 'bazaar.test.v1.Counted',
    producer: 'test',
    occurredAt: new Date(),
    key: 'k',
    payload: 'p',
    topic: 't',
    partition: 0,
    offset: '0',
    headers: {},
  };
}

describe.each(databaseTargets)('inbox on %s', (_name, makeTarget) => {
  const target = makeTarget();
  let database: AnyDatabase;

  beforeAll(async () => {
    ({ database } = await target.open());
  });
  afterAll(() => target.cleanup());

  it('applies the effect once per consumer group, however often the event comes', async () => {
    const eventId = randomUUID();
    expect(await processOnce(database, 'shipping', { eventId }, recordEffect(eventId, 'shipping'))).toBe('processed');
    expect(await processOnce(database, 'shipping', { eventId }, recordEffect(eventId, 'shipping'))).toBe('duplicate');
    // Another group is another consumer: it gets its own effect.
    expect(await processOnce(database.db, 'analytics', { eventId }, recordEffect(eventId, 'analytics'))).toBe('processed');
    const effects = await database.db.selectFrom('effects').select('consumer').where('event_id', '=', eventId).execute();
    expect(effects.map((row: { consumer: string }) => row.consumer).sort()).toEqual(['analytics', 'shipping']);
  });

  it('forgets the event when the effect fails, so a redelivery applies it', async () => {
    const eventId = randomUUID();
    const failing = async (trx: AnyTransaction) => {
      await recordEffect(eventId, 'orders')(trx);
      throw new Error('handler bug');
    };
    await expect(processOnce(database, 'orders', { eventId }, failing)).rejects.toThrow('handler bug');
    expect(await processOnce(database, 'orders', { eventId }, recordEffect(eventId, 'orders'))).toBe('processed');
    const { rows } = await sql<{ n: number }>`select count(*) as n from effects where event_id = ${eventId}`.execute(database.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('idempotentHandler gives a consumer handler an exactly-once effect', async () => {
    const seen: number[] = [];
    const handler = idempotentHandler<string>(database, 'payments', async (event, trx, context) => {
      seen.push(context.attempt);
      await recordEffect(event.eventId, 'payments')(trx);
    });
    const event = incoming(randomUUID());
    const context = { heartbeat: async () => undefined, attempt: 1 };
    await handler(event, context);
    await handler(event, { ...context, attempt: 2 });
    expect(seen).toEqual([1]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from effects where event_id = ${event.eventId}`.execute(database.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('rejects events it cannot deduplicate', async () => {
    await expect(processOnce(database, 'orders', { eventId: '' }, async () => undefined)).rejects.toThrow(/no id/);
    await expect(processOnce(database, '', { eventId: randomUUID() }, async () => undefined)).rejects.toThrow(/consumerGroup/);
  });

  it('prunes processed ids older than the cut-off only', async () => {
    const old = randomUUID();
    await processOnce(database, 'prune', { eventId: old }, async () => undefined);
    await database.db.updateTable('messaging_inbox').set({ processed_at: new Date('2020-01-01') }).where('event_id', '=', old).execute();
    const recent = randomUUID();
    await processOnce(database, 'prune', { eventId: recent }, async () => undefined);
    expect(await pruneInbox(database, new Date('2021-01-01'))).toBe(1);
    expect(await processOnce(database, 'prune', { eventId: recent }, async () => undefined)).toBe('duplicate');
    expect(await countRows(database, 'messaging_inbox')).toBeGreaterThan(0);
  });
});

describe('inbox on PostgreSQL with two consumer instances', () => {
  const target = postgresTarget();
  afterAll(() => target.cleanup());

  it('applies an event delivered to both at once exactly once (issue test 5)', async () => {
    const { database: first, url } = await target.open();
    const second = await target.openAnother(url!);
    const eventId = randomUUID();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let claimed!: () => void;
    const inEffect = new Promise<void>((resolve) => (claimed = resolve));

    // Instance one claims the event and keeps its transaction open inside the effect…
    const one = processOnce(first, 'inventory', { eventId }, async (trx) => {
      await recordEffect(eventId, 'one')(trx);
      claimed();
      await held;
    });
    // Only once its effect runs has instance one inserted (and row-locked) the inbox row. Its session is
    // also "idle in transaction" between BEGIN and that insert, so waiting for that state let instance two
    // claim the event first now and then (on a loaded machine): ['duplicate', 'processed'], or a timeout.
    await Promise.race([inEffect, one]);
    // …while instance two's claim of the same event blocks on the primary key.
    const two = processOnce(second, 'inventory', { eventId }, recordEffect(eventId, 'two'));
    await waitFor(async () => (await blockedOnInbox(first)) || undefined, { what: 'instance two blocked on the inbox row' });
    release();

    expect(await Promise.all([one, two])).toEqual(['processed', 'duplicate']);
    const effects = await first.db.selectFrom('effects').select('consumer').where('event_id', '=', eventId).execute();
    expect(effects).toEqual([{ consumer: 'one' }]);
  });
});

/** Whether a session of this database waits for a lock in a statement on the inbox (instance two's claim). */
async function blockedOnInbox(database: AnyDatabase): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock' and query like '%messaging_inbox%' and pid <> pg_backend_pid()`.execute(database.db);
  return rows[0]!.n > 0;
}
