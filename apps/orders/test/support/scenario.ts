import { messages, ordersV1 } from '@bazaar/contracts';
import { openDatabase, sql, type Database } from '@bazaar/persistence';
import { createTestDatabase, waitFor, type TestDatabase } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';
import { ordersMigrations } from '../../src/db/migrations/index.js';
import { FakeCatalog } from './fake-catalog.js';
import { as, startOrders, type RunningOrders } from './orders-harness.js';
import { Participants, type Seen } from './participants.js';

export const ADDRESS = { name: 'Ada Lovelace', street: '1 Analytical Row', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' };
export const CARD_TOKEN = 'tok_test_visa_4242';

/** Everything one test file runs against: a PostgreSQL database, a fake catalog, the participants and orders. */
export class Scenario {
  database?: TestDatabase;
  catalog!: FakeCatalog;
  participants!: Participants;
  orders!: RunningOrders;
  /** A direct connection to the orders database, to check what is (not) stored. */
  inspect?: Database<Record<string, Record<string, unknown>>>;
  env: Record<string, string> = {};

  /** On PostgreSQL (a fresh test database) unless `embedded`, which runs on in-memory PGlite with no inspection. */
  async start(stepTimeoutMs: number, extraEnv: Record<string, string> = {}, embedded = false): Promise<this> {
    const database = embedded ? undefined : await createTestDatabase({ prefix: 'orders' });
    this.database = database;
    this.catalog = await new FakeCatalog().start();
    this.participants = await new Participants().start();
    this.env = {
      ...(database ? { DATABASE_URL: database.url } : {}),
      CATALOG_ADDRESS: this.catalog.address,
      STEP_TIMEOUT_MS: String(stepTimeoutMs),
      SWEEP_INTERVAL_MS: '200',
      KAFKA_CONSUMER_GROUP: `orders-test-${randomUUID().slice(0, 8)}`,
      ...extraEnv,
    };
    this.orders = await startOrders(this.env);
    if (database) this.inspect = await openDatabase({ service: 'orders-test', databaseUrl: database.url, migrations: ordersMigrations });
    return this;
  }

  /** Stops this orders instance and starts another on the same database and consumer group. */
  async restartOrders(between: () => Promise<void> = async () => undefined): Promise<void> {
    await this.orders.stop();
    await between();
    this.orders = await startOrders(this.env);
  }

  async stop(): Promise<void> {
    await this.orders?.stop();
    await this.inspect?.close();
    await this.participants?.stop();
    this.catalog?.stop();
    await this.database?.drop();
  }

  place(userId: string, key = `key-${randomUUID()}`, lines = [{ productId: 'MUG0000001', quantity: 2 }]) {
    const request = ordersV1.PlaceOrderRequest.fromPartial({ idempotencyKey: key, lines, shippingAddress: ADDRESS, cardToken: CARD_TOKEN });
    return this.orders.client.placeOrder(request, as(userId)).then((r) => r.order!);
  }

  /** Plays inventory for `orderId` (answers its ReserveStock with StockReserved) until orders asks payments to authorize. */
  async reserveUntilAuthorize(orderId: string, timeoutMs?: number): Promise<Seen> {
    await this.participants.waitFor(orderId, 'ReserveStock', timeoutMs);
    await this.participants.reply(messages.StockReserved, orderId, { reservationId: `res-${orderId}` });
    return this.participants.waitFor(orderId, 'AuthorizePayment', timeoutMs);
  }

  async get(userId: string, orderId: string): Promise<ordersV1.Order> {
    return (await this.orders.client.getOrder({ orderId }, as(userId))).order!;
  }

  async reachStatus(userId: string, orderId: string, status: ordersV1.OrderStatus, timeoutMs = 20_000): Promise<ordersV1.Order> {
    return waitFor(
      async () => {
        const order = await this.get(userId, orderId);
        return order.status === status && order;
      },
      { timeoutMs, what: `order ${orderId} ${status}` },
    );
  }

  private inspected() {
    if (!this.inspect) throw new Error('an embedded (PGlite) scenario cannot be inspected from outside the service');
    return this.inspect;
  }

  async storedCardToken(orderId: string): Promise<unknown> {
    const row = await this.inspected().db.selectFrom('orders').select('card_token').where('id', '=', orderId).executeTakeFirstOrThrow();
    return row['card_token'];
  }

  /** Outbox rows (published or not) whose payload holds `secret`. */
  async outboxRowsHolding(secret: string): Promise<number> {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from messaging_outbox where position(convert_to(${secret}, 'UTF8') in payload) > 0`.execute(this.inspected().db);
    return Number(rows[0]?.n ?? 0);
  }

  async outboxCount(orderId: string, type: string): Promise<number> {
    const rows = await this.inspected().db.selectFrom('messaging_outbox').select('id').where('key', '=', orderId).where('type', '=', type).execute();
    return rows.length;
  }
}

export const timelineOf = (order: ordersV1.Order) => order.timeline.map((e) => `${e.step}:${e.outcome}`);
