import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages, topicOf } from '@bazaar/contracts';
import { randomUUID } from 'node:crypto';
import { createOutbox, PermanentError, type EventConsumer, type EventHandler, type IncomingEvent } from '@bazaar/messaging';
import { IN_MEMORY, openDatabase, sql, type Database } from '@bazaar/persistence';
import { waitFor } from '@bazaar/testing';
import { inventoryMigrations } from '../src/db/migrations/index.js';
import type { InventoryDatabase } from '../src/db/schema.js';
import { seedStock } from '../src/db/seed-stock.js';
import { registerCommandHandlers } from '../src/reservations/command-handlers.js';
import { startExpirySweeper } from '../src/reservations/expiry-sweeper.js';
import { enqueueReserveOutcome } from '../src/reservations/outcome-events.js';
import { releaseReservation } from '../src/reservations/release-stock.js';
import { reserveStock } from '../src/reservations/reserve-stock.js';
import { readStockLevels } from '../src/stock/stock-levels.js';
import { newOrderId, silentLogger } from './support/harness.js';

/** The domain on embedded PGlite (local runs without DATABASE_URL); events are read from the outbox table. */
describe('inventory domain on PGlite', () => {
  let database: Database<InventoryDatabase>;
  const outbox = createOutbox({ producer: 'inventory', topicOf });
  const outboxRows = async (orderId: string) =>
    (await sql<{ type: string; payload: Uint8Array }>`select type, payload from messaging_outbox where key = ${orderId} order by id`.execute(database.db)).rows;
  const outboxTypes = async (orderId: string) => (await outboxRows(orderId)).map((row) => row.type.split('.').at(-1));

  beforeAll(async () => {
    database = await openDatabase<InventoryDatabase>({ service: 'inventory', dataDir: IN_MEMORY, migrations: inventoryMigrations });
  }, 60_000);
  afterAll(async () => database?.close());

  it('seeds stock for every catalog product, a few of them scarce', async () => {
    const levels = await readStockLevels(database.db, seedStock.map((s) => s.productId));
    expect(levels).toHaveLength(54);
    expect(levels.every((l) => l.reserved === 0 && l.available === l.onHand)).toBe(true);
    expect(levels.find((l) => l.productId === 'OLJCESPC7Z')?.onHand).toBe(3);
  });

  it('rejects a malformed command with a reason and answers a repeat the same way', async () => {
    const orderId = newOrderId();
    const command = { orderId, lines: [{ productId: 'OLJCESPC7Z', quantity: -1 }] };
    const decide = () =>
      database.db.transaction().execute(async (trx) => {
        const outcome = await reserveStock(trx, command, { ttlMs: 60_000, now: new Date() });
        await enqueueReserveOutcome(outbox, trx, orderId, outcome);
        return outcome;
      });
    const first = await decide();
    expect(first).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('lines[0].quantity'), unavailable: [], repeated: false });
    expect(await decide()).toEqual({ ...first, repeated: true });
    expect(await outboxTypes(orderId)).toEqual(['StockRejected', 'StockRejected']);
    const [row] = await outboxRows(orderId);
    expect(messages.StockRejected.decode(row!.payload).reason).toBe(first.kind === 'rejected' ? first.reason : '');
  });

  it('command handlers: an exact redelivery changes nothing; a command without an order id goes to the DLQ', async () => {
    const handlers = new Map<string, EventHandler<never>>();
    const consumer = { on: (type: { typeName: string }, handler: EventHandler<never>) => (handlers.set(type.typeName, handler), consumer) };
    registerCommandHandlers(consumer as unknown as EventConsumer, { database, group: 'inventory', outbox, reservationTtlMs: 60_000 });
    const deliver = (type: string, payload: unknown, eventId = randomUUID()) =>
      handlers.get(type)!({ eventId, payload, key: 'k' } as IncomingEvent<never>, { attempt: 1, heartbeat: async () => undefined });

    const orderId = newOrderId();
    const reserve = { orderId, lines: [{ productId: 'A1B2C3D4E5', quantity: 1 }] };
    const eventId = randomUUID();
    await deliver(messages.ReserveStock.typeName, reserve, eventId);
    await deliver(messages.ReserveStock.typeName, reserve, eventId);
    await deliver(messages.ReleaseStock.typeName, { orderId, reason: 'cancelled\u0000' });
    expect(await outboxTypes(orderId)).toEqual(['StockReserved', 'StockReleased']);
    const row = await database.db.selectFrom('reservations').select(['status', 'release_reason']).where('order_id', '=', orderId).executeTakeFirst();
    expect(row).toEqual({ status: 'released', release_reason: 'cancelled' });

    await expect(deliver(messages.ReserveStock.typeName, { orderId: ' ', lines: [] })).rejects.toBeInstanceOf(PermanentError);
  });

  it('the sweeper timer releases an expired reservation and writes StockReleased', async () => {
    const orderId = newOrderId();
    await database.db.transaction().execute((trx) =>
      reserveStock(trx, { orderId, lines: [{ productId: '66VCHSJNUP', quantity: 2 }] }, { ttlMs: 1, now: new Date(Date.now() - 1_000) }),
    );
    expect((await readStockLevels(database.db, ['66VCHSJNUP']))[0]).toMatchObject({ reserved: 2, available: 0 });

    const sweeper = startExpirySweeper({ database, outbox, intervalMs: 20, logger: silentLogger });
    try {
      await waitFor(async () => (await outboxTypes(orderId)).includes('StockReleased'), { what: 'StockReleased in the outbox' });
    } finally {
      await sweeper.stop();
    }
    expect((await readStockLevels(database.db, ['66VCHSJNUP']))[0]).toMatchObject({ reserved: 0, available: 2 });
    // Already released: a later ReleaseStock is a no-op.
    expect(await database.db.transaction().execute((trx) => releaseReservation(trx, orderId, { reason: 'cancelled', now: new Date() }))).toBe('nothing-held');
  });
});
