import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { waitFor } from '@bazaar/testing';
import { createOutbox, enqueueEvent, pruneOutbox, type AnyDatabase } from '../../src/index.js';
import { countRows, databaseTargets, postgresTarget, resetTables } from '../support/databases.js';
import { CountedEvent } from '../support/message-types.js';

const options = { topic: 'orders.events.v1', producer: 'orders' };

describe.each(databaseTargets)('enqueueEvent on %s', (_name, makeTarget) => {
  const target = makeTarget();
  let database: AnyDatabase;

  beforeAll(async () => {
    ({ database } = await target.open());
  });
  beforeEach(() => resetTables(database));
  afterAll(() => target.cleanup());

  it('stores a complete record in the caller’s transaction', async () => {
    const occurredAt = new Date('2026-01-02T03:04:05.678Z');
    const eventId = randomUUID();
    const result = await database.db
      .transaction()
      .execute((trx) => enqueueEvent(trx, CountedEvent, 'order-1', { aggregate: 'order-1', version: 3 }, { ...options, eventId, occurredAt }));
    expect(result).toEqual({ eventId });
    const row = await database.db.selectFrom('messaging_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      event_id: eventId,
      topic: 'orders.events.v1',
      key: 'order-1',
      type: 'bazaar.test.v1.Counted',
      producer: 'orders',
      occurred_at: occurredAt,
      published_at: null,
      attempts: 0,
      last_error: null,
      trace_context: {},
    });
    expect(CountedEvent.decode(row.payload)).toEqual({ aggregate: 'order-1', version: 3 });
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueEvent(trx, CountedEvent, 'order-1', { aggregate: 'order-1', version: 1 }, options);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await countRows(database, 'messaging_outbox')).toBe(0);
  });

  it('rejects bad input with a clear error before writing', async () => {
    const enqueue = (key: string, extra: object) =>
      database.db.transaction().execute((trx) => enqueueEvent(trx, CountedEvent, key, { aggregate: key, version: 1 }, { ...options, ...extra }));
    await expect(enqueue('order-1', { eventId: 'not-a-uuid' })).rejects.toThrow(/eventId must be a UUID/);
    await expect(enqueue('', {})).rejects.toThrow(/non-empty key/);
    await expect(enqueue('order-1', { occurredAt: new Date('nope') })).rejects.toThrow(/invalid date/);
    const outbox = createOutbox({ producer: 'orders', topicOf: () => ({ name: 'payments.events.v1', messageTypes: [] }) });
    await expect(
      database.db.transaction().execute((trx) => outbox.enqueue(trx, CountedEvent, 'order-1', { aggregate: 'order-1', version: 1 })),
    ).rejects.toThrow(/not allowed on topic payments.events.v1/);
    expect(await countRows(database, 'messaging_outbox')).toBe(0);
  });

  it('refuses the same event id twice (a retried operation cannot enqueue a second copy)', async () => {
    const eventId = randomUUID();
    const enqueue = () =>
      database.db.transaction().execute((trx) => enqueueEvent(trx, CountedEvent, 'order-1', { aggregate: 'order-1', version: 1 }, { ...options, eventId }));
    await enqueue();
    await expect(enqueue()).rejects.toThrow(/unique|duplicate/i);
  });

  it('prunes published rows older than the cut-off, never unpublished ones', async () => {
    const outbox = createOutbox({ producer: 'orders', topicOf: () => 'orders.events.v1' });
    for (const version of [1, 2, 3]) {
      await database.db.transaction().execute((trx) => outbox.enqueue(trx, CountedEvent, 'order-1', { aggregate: 'order-1', version }));
    }
    await database.db.updateTable('messaging_outbox').set({ published_at: new Date('2020-01-01') }).where('id', '<=', 2).execute();
    await database.db.updateTable('messaging_outbox').set({ published_at: new Date() }).where('id', '=', 2).execute();
    expect(await pruneOutbox(database, new Date('2021-01-01'))).toBe(1);
    expect(await countRows(database, 'messaging_outbox')).toBe(2);
  });
});

describe('outbox notifications on PostgreSQL', () => {
  const target = postgresTarget();
  afterAll(() => target.cleanup());

  it('notifies listeners on commit only', async () => {
    const { database } = await target.open();
    let notifications = 0;
    const unlisten = await database.listen('messaging_outbox', () => notifications++);
    try {
      await database.db
        .transaction()
        .execute(async (trx) => {
          await enqueueEvent(trx, CountedEvent, 'order-1', { aggregate: 'order-1', version: 1 }, options);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await database.db.transaction().execute((trx) => enqueueEvent(trx, CountedEvent, 'order-2', { aggregate: 'order-2', version: 1 }, options));
      await waitFor(async () => notifications > 0, { what: 'a notification' });
      // The committed enqueue's notification arrived; the rolled-back one (sent earlier) never did.
      expect(notifications).toBe(1);
    } finally {
      await unlisten();
    }
  });
});
