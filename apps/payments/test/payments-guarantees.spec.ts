import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages, topicOf, topics, type paymentsV1 } from '@bazaar/contracts';
import { createOutbox, type EventConsumer, type EventHandler, type IncomingEvent } from '@bazaar/messaging';
import { sql } from '@bazaar/persistence';
import { createTestDatabase, waitForGrpcServing, type TestDatabase } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';
import { onPaymentCommands } from '../src/payments/command-handlers.js';
import { ledgerOf } from '../src/payments/payment-store.js';
import { TEST_CARD_TOKENS } from '../src/payments/test-cards.js';
import { capturingLogger, newOrderId, OrdersSide, startPayments, type StartedPayments } from './support/harness.js';

/** Must never reach a log line or a table, like any card token. */
const SECRET_TOKEN = `tok_secret_${randomUUID().replaceAll('-', '')}`;

describe('payments on PostgreSQL: one payment per order, an append-only ledger, no card tokens kept', () => {
  let database: TestDatabase;
  let payments: StartedPayments;
  const orders = new OrdersSide();
  const logs = capturingLogger();

  const paymentCount = async (orderId: string) =>
    (await payments.service.database.db.selectFrom('payments').select('id').where('order_id', '=', orderId).execute()).length;
  const ledger = (orderId: string) => ledgerOf(payments.service.database.db, orderId);

  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'payments_guarantees' });
    payments = await startPayments(database.url, logs.logger);
    await orders.start();
  });

  afterAll(async () => {
    await orders.stop();
    await payments?.service.shutdown('test done');
    await database?.drop();
  });

  it('serves grpc.health.v1 with no business services', async () => {
    await waitForGrpcServing(payments.grpcAddress);
  });

  it('applies a redelivered AuthorizePayment (same event id) once: one payment, one ledger entry, one event', async () => {
    const orderId = newOrderId();
    const eventId = randomUUID();
    await orders.authorize(orderId, TEST_CARD_TOKENS.visa, 1999, eventId);
    await orders.authorize(orderId, TEST_CARD_TOKENS.visa, 1999, eventId);
    await orders.send(messages.CapturePayment, orderId, { orderId });
    const events = await orders.waitForEvents(orderId, 2);
    expect(events.map((event) => event.type)).toEqual(['PaymentAuthorized', 'PaymentCaptured']);
    expect(await paymentCount(orderId)).toBe(1);
    expect((await ledger(orderId)).map((entry) => entry.entryType)).toEqual(['authorize', 'capture']);
  });

  it('answers a second AuthorizePayment for the order with the first outcome, whatever its card', async () => {
    const orderId = newOrderId();
    await orders.authorize(orderId, TEST_CARD_TOKENS.approve, 1999);
    await orders.authorize(orderId, TEST_CARD_TOKENS.decline, 1999);
    const [first, second] = await orders.waitForEvents(orderId, 2);
    expect(second).toEqual(first);
    expect(first?.type).toBe('PaymentAuthorized');
    expect(await paymentCount(orderId)).toBe(1);
    expect((await ledger(orderId)).map((entry) => entry.entryType)).toEqual(['authorize']);
  });

  it('creates one payment when two AuthorizePayment commands for an order are handled at the same time', async () => {
    const handlers = new Map<string, EventHandler<never>>();
    const collector = {
      on: (type: { typeName: string }, handler: EventHandler<never>) => (handlers.set(type.typeName, handler), collector),
    } as unknown as EventConsumer;
    onPaymentCommands(collector, {
      database: payments.service.database,
      outbox: createOutbox({ producer: 'payments', topicOf }),
      consumerGroup: payments.consumerGroup,
      logger: logs.logger,
    });
    const authorize = handlers.get(messages.AuthorizePayment.typeName) as unknown as EventHandler<paymentsV1.AuthorizePayment>;
    const orderId = newOrderId();
    const command = (cardToken: string): IncomingEvent<paymentsV1.AuthorizePayment> => ({
      eventId: randomUUID(),
      type: messages.AuthorizePayment.typeName,
      producer: 'orders-test',
      occurredAt: new Date(),
      key: orderId,
      payload: { orderId, userId: 'user-1', cardToken, amount: { currencyCode: 'USD', units: '42', nanos: 0 } },
      topic: topics.paymentsCommands.name,
      partition: 0,
      offset: '0',
      headers: {},
    });
    const context = { heartbeat: async () => undefined, attempt: 1 };
    await Promise.all([authorize(command(TEST_CARD_TOKENS.visa), context), authorize(command(TEST_CARD_TOKENS.approve), context)]);

    expect(await paymentCount(orderId)).toBe(1);
    expect(await ledger(orderId)).toEqual([{ entryType: 'authorize', amountMinor: 4200n, currencyCode: 'USD' }]);
    const events = await orders.waitForEvents(orderId, 2);
    expect(events.map((event) => event.type)).toEqual(['PaymentAuthorized', 'PaymentAuthorized']);
    expect(events[1]).toEqual(events[0]);
  });

  it('rejects UPDATE, DELETE and TRUNCATE on the ledger', async () => {
    const orderId = newOrderId();
    await orders.authorize(orderId, TEST_CARD_TOKENS.visa, 700);
    await orders.waitForEvents(orderId, 1);
    const db = payments.service.database.db;
    await expect(sql`UPDATE payment_ledger SET amount_minor = 1 WHERE order_id = ${orderId}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM payment_ledger WHERE order_id = ${orderId}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE payment_ledger`.execute(db)).rejects.toThrow(/append-only/);
    expect(await ledger(orderId)).toEqual([{ entryType: 'authorize', amountMinor: 700n, currencyCode: 'USD' }]);
  });

  it('never writes a card token to a log line or a table', async () => {
    const orderId = newOrderId();
    await orders.authorize(orderId, SECRET_TOKEN);
    await orders.authorize(orderId, SECRET_TOKEN); // the replayed path logs too
    expect((await orders.waitForEvents(orderId, 2)).map((event) => event.type)).toEqual(['PaymentDeclined', 'PaymentDeclined']);

    expect(logs.lines.some((line) => line.includes(orderId))).toBe(true); // the capture works
    for (const token of [SECRET_TOKEN, ...Object.values(TEST_CARD_TOKENS)]) {
      expect(logs.lines.filter((line) => line.includes(token))).toEqual([]);
    }
    const { rows } = await sql<{ row: string }>`
      SELECT row_to_json(p)::text AS row FROM payments p
      UNION ALL SELECT row_to_json(o)::text FROM messaging_outbox o`.execute(payments.service.database.db);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter(({ row }) => row.includes(SECRET_TOKEN) || row.includes('tok_'))).toEqual([]);
  });

  it('counts payments by outcome and commands by result on /metrics', async () => {
    const metrics = await (await fetch(`${payments.adminUrl}/metrics`)).text();
    expect(metrics).toMatch(/payments_outcomes_total\{outcome="authorized"\} [1-9]/);
    expect(metrics).toMatch(/payments_outcomes_total\{outcome="declined_card_declined"\} [1-9]/);
    expect(metrics).toMatch(/payments_commands_total\{command="AuthorizePayment",result="replayed"\} [1-9]/);
    expect(metrics).not.toContain('tok_');
  });
});
