import { ROOT_CONTEXT, SpanKind, propagation, trace, type Context, type Span } from '@opentelemetry/api';

export const tracer = trace.getTracer('@bazaar/messaging');

/** The context a carrier (stored trace context or record headers) describes. */
export function extractContext(carrier: Record<string, string>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** Writes `ctx`'s trace context (traceparent, tracestate, baggage) into `carrier`. */
export function injectContext(ctx: Context, carrier: Record<string, string>): void {
  propagation.inject(ctx, carrier);
}

export function startProducerSpan(topic: string, parent: Context, attributes: Record<string, string | number>): Span {
  return tracer.startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': topic,
        ...attributes,
      },
    },
    parent,
  );
}

export { failSpan } from '@bazaar/observability';

export interface ConsumedRecordAttributes {
  topic: string;
  groupId: string;
  partition: number;
  offset: string;
  key: string | null;
  eventId?: string;
}

/**
 * The CONSUMER span of one record: a child of the producer span whose context
 * the record's headers carry, so one trace runs from publish to handling.
 */
export function startConsumerSpan(parent: Context, record: ConsumedRecordAttributes): Span {
  return tracer.startSpan(
    `process ${record.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': record.topic,
        'messaging.consumer.group.name': record.groupId,
        'messaging.destination.partition.id': String(record.partition),
        'messaging.kafka.offset': Number(record.offset),
        ...(record.key === null ? {} : { 'messaging.kafka.message.key': record.key }),
        ...(record.eventId ? { 'messaging.message.id': record.eventId } : {}),
      },
    },
    parent,
  );
}
