import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind, trace } from '@opentelemetry/api';
import {
  buildRecord,
  createConsumer,
  createPublisher,
  ensureTopics,
  type EventConsumer,
  type IncomingEvent,
  type KafkaConnection,
  type Publisher,
} from '../../src/index.js';
import { createLogger } from '@bazaar/observability';
import { connect, eventually, installTracing, jsonType, testLogger, testTopic, uniqueName } from './support.js';

interface Step {
  orderId: string;
  seq: number;
}

const StepTaken = jsonType<Step>('bazaar.test.v1.StepTaken');
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const KEYS = Array.from({ length: 10 }, (_, i) => `order-${i}`);

describe('publish → consume round trip', () => {
  const tracing = installTracing();
  const topic = testTopic(uniqueName('roundtrip'), [StepTaken], 3);
  let connection: KafkaConnection;
  let publisher: Publisher;
  let consumer: EventConsumer;
  const received: IncomingEvent<Step>[] = [];

  beforeAll(async () => {
    connection = connect();
    await ensureTopics(connection, [topic], { replicationFactor: 1 });
    publisher = createPublisher(connection, { producer: 'round-trip-test', topicOf: () => topic });
    await publisher.connect();
    consumer = createConsumer(connection, { groupId: uniqueName('roundtrip-group'), topics: [topic], logger: testLogger() });
    consumer.on(StepTaken, async (event) => {
      received.push(event);
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await publisher?.disconnect();
    await tracing.uninstall();
  });

  it('delivers typed payloads with key, CloudEvents headers and trace context, in order per key over 200 messages', async () => {
    const tracer = trace.getTracer('round-trip-test');
    const traceId = await tracer.startActiveSpan('place orders', async (span) => {
      // 100 through publish() one by one, 100 through publishRecords() in one batch (the outbox relay's path).
      for (let seq = 0; seq < 10; seq++) {
        for (const orderId of KEYS) await publisher.publish(StepTaken, orderId, { orderId, seq });
      }
      const records = [];
      for (let seq = 10; seq < 20; seq++) {
        for (const orderId of KEYS) {
          records.push(buildRecord({ topic, type: StepTaken, key: orderId, payload: { orderId, seq }, producer: 'round-trip-test' }));
        }
      }
      await publisher.publishRecords(records);
      span.end();
      return span.spanContext().traceId;
    });

    await eventually(() => received.length >= 200, 30_000, '200 deliveries');
    expect(received).toHaveLength(200);

    const partitions = new Set(received.map((event) => event.partition));
    expect(partitions.size).toBeGreaterThan(1);
    for (const orderId of KEYS) {
      const seqs = received.filter((event) => event.key === orderId).map((event) => event.payload.seq);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }

    const event = received[0]!;
    expect(event.payload.orderId).toBe(event.key);
    expect(event.type).toBe('bazaar.test.v1.StepTaken');
    expect(event.producer).toBe('round-trip-test');
    expect(event.eventId).toMatch(UUID_V4);
    expect(new Set(received.map((e) => e.eventId)).size).toBe(200);
    expect(Number.isNaN(event.occurredAt.getTime())).toBe(false);
    expect(event.headers).toMatchObject({
      ce_id: event.eventId,
      ce_type: 'bazaar.test.v1.StepTaken',
      ce_source: 'round-trip-test',
      ce_time: event.occurredAt.toISOString(),
      ce_specversion: '1.0',
      'content-type': 'application/protobuf',
    });
    expect(event.headers['traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    const spans = tracing.exporter.getFinishedSpans();
    const producerSpan = spans.find((s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.message.id'] === event.eventId);
    const consumerSpan = spans.find((s) => s.kind === SpanKind.CONSUMER && s.attributes['messaging.message.id'] === event.eventId);
    expect(producerSpan?.name).toBe(`send ${topic.name}`);
    expect(producerSpan?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': topic.name,
      'messaging.operation.type': 'send',
    });
    expect(producerSpan?.spanContext().traceId).toBe(traceId);
    expect(consumerSpan?.name).toBe(`process ${topic.name}`);
    expect(consumerSpan?.parentSpanContext?.spanId).toBe(producerSpan?.spanContext().spanId);
    expect(consumerSpan?.attributes).toMatchObject({
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': consumer.groupId,
      'messaging.destination.partition.id': String(event.partition),
      'messaging.kafka.offset': Number(event.offset),
    });
  });

  it('logs a handler retry and a dead letter with the trace id of the record being processed', async () => {
    const failing = testTopic(uniqueName('traced-failures'), [StepTaken], 1);
    await ensureTopics(connection, [failing], { replicationFactor: 1 });
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ service: 'round-trip-test', level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    const failingConsumer = createConsumer(connection, {
      groupId: uniqueName('traced-failures-group'),
      topics: [failing],
      logger,
      maxAttempts: 2,
      backoff: { initialMs: 20, maxMs: 50 },
    });
    failingConsumer.on(StepTaken, async () => {
      throw new Error('downstream unavailable');
    });
    await failingConsumer.start();
    try {
      const traceId = await trace.getTracer('round-trip-test').startActiveSpan('place order', async (span) => {
        await publisher.publishRecords([buildRecord({ topic: failing, type: StepTaken, key: 'order-x', payload: { orderId: 'order-x', seq: 0 }, producer: 'round-trip-test' })]);
        span.end();
        return span.spanContext().traceId;
      });
      await eventually(() => lines.some((line) => line['msg'] === 'event sent to the dead-letter topic'), 30_000, 'the dead-letter log line');
      const failureLines = lines.filter((line) => ['event handler failed; retrying', 'event sent to the dead-letter topic'].includes(String(line['msg'])));
      expect(failureLines.map((line) => [line['msg'], line['trace_id']])).toEqual([
        ['event handler failed; retrying', traceId],
        ['event sent to the dead-letter topic', traceId],
      ]);
    } finally {
      await failingConsumer.stop();
    }
  });
});
