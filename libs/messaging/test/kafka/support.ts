import { randomUUID } from 'node:crypto';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { createLogger, type Logger } from '@bazaar/observability';
import { createKafkaConnection, type KafkaConnection, type MessageType, type TopicSpec } from '../../src/index.js';

export function brokers(): string[] {
  const value = process.env['KAFKA_BROKERS'];
  if (!value) throw new Error('KAFKA_BROKERS is not set: run these tests through the kafka-local jest global setup');
  return value.split(',');
}

export function testLogger(): Logger {
  return createLogger({ service: 'messaging-test', level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
}

export function connect(clientId = 'messaging-test', brokerList = brokers()): KafkaConnection {
  return createKafkaConnection({ brokers: brokerList, clientId, logger: testLogger() });
}

/** A unique, valid topic name per test (topics outlive tests on the shared broker). */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 8)}`;
}

/** A MessageType with a JSON codec, standing in for a generated protobuf type. */
export function jsonType<T>(typeName: string): MessageType<T> {
  return {
    typeName,
    encode: (message) => Buffer.from(JSON.stringify(message)),
    decode: (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')) as T,
    toJSON: (message) => message,
    create: (partial) => partial as T,
  };
}

export function testTopic(name: string, types: MessageType<never>[] | MessageType[], partitions = 3): TopicSpec {
  return {
    name,
    messageTypes: types as unknown as readonly MessageType<never>[],
    partitions,
    retentionMs: 60 * 60 * 1000,
    consumerGroups: [],
    dlq: `${name}.dlq`,
  };
}

/** Registers an in-memory tracer, the W3C propagators and an async context manager (what the SDK does in services). */
export function installTracing(): { exporter: InMemorySpanExporter; uninstall: () => Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  return {
    exporter,
    uninstall: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Polls until `check` returns true (no fixed sleeps: the machine is shared and slow). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
