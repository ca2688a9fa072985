import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import type { MessageType, OutgoingRecord, TopicSpec } from '../types.js';
import { injectContext } from './tracing.js';

export interface BuildRecordInput<T> {
  topic: TopicSpec;
  type: MessageType<T>;
  key: string;
  payload: T;
  /** The producing service, the `ce_source` header. */
  producer: string;
  eventId?: string;
  occurredAt?: Date;
}

/**
 * A complete OutgoingRecord for `payload`, with a fresh UUID v4 event id and
 * the trace context active now (what the outbox stores with the row).
 */
export function buildRecord<T>(input: BuildRecordInput<T>): OutgoingRecord {
  const { topic, type, key } = input;
  if (!topic.messageTypes.some((allowed) => allowed.typeName === type.typeName)) {
    throw new Error(`Message type ${type.typeName} is not allowed on topic ${topic.name}`);
  }
  if (key === '') throw new Error(`A record of ${type.typeName} needs a non-empty key (the aggregate id)`);
  const traceContext: Record<string, string> = {};
  injectContext(context.active(), traceContext);
  return {
    topic: topic.name,
    key,
    eventId: input.eventId ?? randomUUID(),
    type: type.typeName,
    producer: input.producer,
    occurredAt: input.occurredAt ?? new Date(),
    value: type.encode(input.payload),
    traceContext,
  };
}
