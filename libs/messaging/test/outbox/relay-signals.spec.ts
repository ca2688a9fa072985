import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ROOT_CONTEXT, TraceFlags, context, propagation, trace } from '@opentelemetry/api';
import { metricsRegistry } from '@bazaar/observability';
import { waitFor } from '@bazaar/testing';
import { monitorOutbox, type Publisher, type AnyDatabase } from '../../src/index.js';
import { databaseTargets, postgresTarget, resetTables } from '../support/databases.js';
import { createTestTopic, readTopic, recordCount, testConnection, testPublisher } from '../support/kafka.js';
import { changeAggregate, relays } from '../support/outbox.js';

const TEN_MINUTES = 600_000;

describe('outbox relay wake-up on PostgreSQL', () => {
  const target = postgresTarget();
  const connection = testConnection();
  let publisher: Publisher;
  let relay: ReturnType<typeof relays>;

  beforeAll(async () => {
    publisher = testPublisher(connection);
    await publisher.connect();
    relay = relays(publisher);
  });
  afterEach(() => relay.stopAll());
  afterAll(async () => {
    await publisher.disconnect();
    await target.cleanup();
  });

  it('publishes a committed enqueue on NOTIFY, long before the next poll', async () => {
    const { database } = await target.open();
    const topic = await createTestTopic(connection);
    // Polling only every ten minutes: only the notification (database.listen) can explain a prompt publish.
    const relayed = relay.start(database, { pollIntervalMs: { min: TEN_MINUTES, max: TEN_MINUTES } });
    await relayed.drain();
    await changeAggregate(database, topic, 'notified');
    await waitFor(async () => (await recordCount(topic)) === 1, { timeoutMs: 30_000, what: 'the notified event on the topic' });
  });

  it('keeps working by polling when LISTEN fails', async () => {
    const { database } = await target.open();
    const topic = await createTestTopic(connection);
    const broken = async () => Promise.reject(new Error('LISTEN is not supported here'));
    const relayed = relay.start(database, { listen: broken, pollIntervalMs: { min: 20, max: 100 } });
    await relayed.drain();
    await changeAggregate(database, topic, 'polled');
    await waitFor(async () => (await recordCount(topic)) === 1, { timeoutMs: 30_000, what: 'the polled event on the topic' });
  });
});

describe.each(databaseTargets)('outbox trace context and metrics on %s', (_name, makeTarget) => {
  const target = makeTarget();
  const connection = testConnection();
  const contextManager = new AsyncLocalStorageContextManager().enable();
  let publisher: Publisher;
  let relay: ReturnType<typeof relays>;
  let database: AnyDatabase;

  beforeAll(async () => {
    ({ database } = await target.open());
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    publisher = testPublisher(connection);
    await publisher.connect();
    relay = relays(publisher);
  });
  beforeEach(() => resetTables(database));
  afterEach(() => relay.stopAll());
  afterAll(async () => {
    await publisher.disconnect();
    await target.cleanup();
    propagation.disable();
    context.disable();
  });

  it('publishes with the trace context that was active when the row was written', async () => {
    const topic = await createTestTopic(connection);
    const traceId = randomBytes(16).toString('hex');
    const businessSpan = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: randomBytes(8).toString('hex'),
      traceFlags: TraceFlags.SAMPLED,
    });
    await context.with(businessSpan, () => changeAggregate(database, topic, 'traced'));
    const stored = await database.db.selectFrom('messaging_outbox').select('trace_context').executeTakeFirstOrThrow();
    expect(stored.trace_context.traceparent).toContain(traceId);

    await relay.start(database).drain();
    const [record] = await readTopic(topic);
    expect(record!.headers['traceparent']?.split('-')[1]).toBe(traceId);
  });

  it('reports lag and pending rows while nothing publishes, and zero once drained', async () => {
    const topic = await createTestTopic(connection);
    const monitor = monitorOutbox(database);
    try {
      await changeAggregate(database, topic, 'waiting');
      await changeAggregate(database, topic, 'waiting');
      expect(await gauge('messaging_outbox_pending')).toBe(2);
      expect(await gauge('messaging_outbox_lag_seconds')).toBeGreaterThan(0);
      const publishedBefore = await gauge('messaging_outbox_published_total');

      await relay.start(database).drain();
      expect(await gauge('messaging_outbox_pending')).toBe(0);
      expect(await gauge('messaging_outbox_lag_seconds')).toBe(0);
      expect(await gauge('messaging_outbox_published_total')).toBe(publishedBefore + 2);
    } finally {
      monitor.stop();
    }
  });
});

async function gauge(name: string): Promise<number> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) throw new Error(`metric ${name} is not registered`);
  const { values } = await metric.get();
  return values[0]?.value ?? 0;
}
