import { context, trace, type Span } from '@opentelemetry/api';
import type { Logger } from '@bazaar/observability';
import { deadLetterHeaders } from '../dlq/headers.js';
import { consumedTotal, dlqTotal, handlerDuration } from '../kafka/metrics.js';
import type { RecordSender } from '../kafka/record-sender.js';
import { extractContext, failSpan, startConsumerSpan } from '../kafka/tracing.js';
import { HEADERS, PermanentError, type EventHandler, type IncomingEvent, type MessageType } from '../types.js';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';

export interface Registration {
  type: MessageType;
  handler: EventHandler;
}

/** One fetched record, client-neutral. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface RecordProcessorOptions {
  groupId: string;
  handlers: ReadonlyMap<string, Registration>;
  /** Source topic → its DLQ topic. */
  dlqOf: (topic: string) => string;
  dlqSender: RecordSender;
  maxAttempts: number;
  backoff: BackoffOptions;
  logger: Logger;
  /** Aborts retry waits when the consumer stops. */
  stopping: AbortSignal;
}

/** Thrown out of a record's processing when the consumer stops mid-retry: the offset stays uncommitted, the record is redelivered. */
export class ConsumerStoppingError extends Error {
  constructor() {
    super('consumer stopping during retries; the record will be redelivered');
    this.name = 'ConsumerStoppingError';
  }
}

/** Why a record cannot be handled at all (it goes to the DLQ without a try). */
class PoisonRecord extends Error {
  override name = 'PoisonRecord';
}

/**
 * Handles one record to completion: the handler succeeded, or the record is
 * on the DLQ. Resolves only then, so the caller may commit its offset; rejects
 * when the DLQ write failed or the consumer is stopping (do not commit).
 */
export async function processRecord(
  record: ConsumedRecord,
  heartbeat: () => Promise<void>,
  options: RecordProcessorOptions,
): Promise<void> {
  const typeName = record.headers[HEADERS.type];
  // The header is producer-controlled: only registered types become label values (bounded cardinality).
  const typeLabel = typeName === undefined ? '(no ce_type header)' : options.handlers.has(typeName) ? typeName : '(unhandled)';
  const labels = { topic: record.topic, type: typeLabel, group: options.groupId };
  const span = startConsumerSpan(extractContext(record.headers), {
    ...record,
    groupId: options.groupId,
    eventId: record.headers[HEADERS.eventId],
  });
  // Everything below (handler, retry and DLQ log lines, the DLQ send) runs in the consumer span: logs carry its trace id.
  return context.with(trace.setSpan(context.active(), span), async () => {
    try {
      let decoded: { registration: Registration; event: IncomingEvent };
      try {
        decoded = decode(record, options.handlers);
      } catch (error) {
        await deadLetter(record, error, 0, span, options);
        consumedTotal.inc({ ...labels, outcome: 'dlq' });
        return;
      }
      const { registration, event } = decoded;
      for (let attempt = 1; ; attempt++) {
        const stopTimer = handlerDuration.startTimer(labels);
        try {
          await registration.handler(event, { heartbeat, attempt });
          stopTimer({ outcome: 'ok' });
          consumedTotal.inc({ ...labels, outcome: 'ok' });
          return;
        } catch (error) {
          span.recordException(error instanceof Error ? error : new Error(String(error)));
          const exhausted = error instanceof PermanentError || attempt >= options.maxAttempts;
          stopTimer({ outcome: exhausted ? 'dlq' : 'retry' });
          if (exhausted) {
            await deadLetter(record, error, attempt, span, options);
            consumedTotal.inc({ ...labels, outcome: 'dlq' });
            return;
          }
          consumedTotal.inc({ ...labels, outcome: 'retry' });
          const delay = backoffDelay(attempt, options.backoff);
          options.logger.warn(
            { err: error, topic: record.topic, partition: record.partition, offset: record.offset, type: typeName, attempt, retryInMs: delay },
            'event handler failed; retrying',
          );
          if (!(await sleep(delay, options.stopping))) throw new ConsumerStoppingError();
        }
      }
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

function decode(record: ConsumedRecord, handlers: ReadonlyMap<string, Registration>): { registration: Registration; event: IncomingEvent } {
  const { headers } = record;
  const typeName = headers[HEADERS.type];
  if (!typeName) throw new PoisonRecord(`record has no ${HEADERS.type} header`);
  const registration = handlers.get(typeName);
  if (!registration) throw new PoisonRecord(`no handler for message type ${typeName}`);
  const eventId = headers[HEADERS.eventId];
  if (!eventId) throw new PoisonRecord(`record has no ${HEADERS.eventId} header`);
  if (record.key === null) throw new PoisonRecord('record has no key');
  let payload: unknown;
  try {
    payload = registration.type.decode(record.value ?? new Uint8Array());
  } catch (error) {
    throw new PoisonRecord(`undecodable ${typeName} payload: ${error instanceof Error ? error.message : String(error)}`);
  }
  const occurredAt = new Date(headers[HEADERS.occurredAt] ?? Number.NaN);
  return {
    registration,
    event: {
      eventId,
      type: typeName,
      producer: headers[HEADERS.producer] ?? '',
      occurredAt,
      key: record.key,
      payload,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      headers,
    },
  };
}

async function deadLetter(
  record: ConsumedRecord,
  error: unknown,
  attempts: number,
  span: Span,
  options: RecordProcessorOptions,
): Promise<void> {
  const dlq = options.dlqOf(record.topic);
  const headers = deadLetterHeaders(record.headers, record, { error, attempts, failedAt: new Date() });
  failSpan(span, error);
  span.setAttribute('messaging.bazaar.dead_lettered_to', dlq);
  await options.dlqSender.send(dlq, [{ key: record.key, value: record.value, headers }]);
  dlqTotal.inc({ topic: record.topic });
  options.logger.error(
    { err: error, topic: record.topic, partition: record.partition, offset: record.offset, type: record.headers[HEADERS.type], attempts, dlq },
    'event sent to the dead-letter topic',
  );
}
