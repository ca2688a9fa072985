import type { KafkaMessage } from 'kafkajs';
import { headersToStrings } from '../kafka/headers.js';
import { HEADERS, type IncomingEvent, type MessageType } from '../types.js';

/**
 * How far an event time may lie after the record's own timestamp (when it was produced). An event cannot
 * happen after it was published, so a later `ce_time` is a bad clock; letting it in would move the
 * partition's stream time ahead and make every following event late. Judged against the record, not
 * the wall clock, so a replay decides the same way.
 */
export const MAX_PRODUCER_CLOCK_SKEW_MS = 5 * 60_000;

export type Decoded =
  | { ok: true; event: IncomingEvent }
  | { ok: false; reason: string; key: string | null; value: Buffer | null; headers: Record<string, string>; offset: string };

/** One record as an event with a valid event time, or why it can't be one (it then goes to the DLQ). */
export function decodeRecord(topic: string, partition: number, message: KafkaMessage, types: ReadonlyMap<string, MessageType>): Decoded {
  const headers = headersToStrings(message.headers);
  const key = message.key === null ? null : message.key.toString('utf8');
  const poison = (reason: string): Decoded => ({ ok: false, reason, key, value: message.value, headers, offset: message.offset });
  const typeName = headers[HEADERS.type];
  if (!typeName) return poison(`record has no ${HEADERS.type} header`);
  const type = types.get(typeName);
  if (!type) return poison(`no handler for message type ${typeName}`);
  const eventId = headers[HEADERS.eventId];
  if (!eventId) return poison(`record has no ${HEADERS.eventId} header`);
  if (key === null) return poison('record has no key');
  const occurredAt = new Date(headers[HEADERS.occurredAt] ?? Number.NaN);
  if (Number.isNaN(occurredAt.getTime())) return poison(`record has no valid ${HEADERS.occurredAt} header`);
  const producedAt = Number(message.timestamp);
  if (occurredAt.getTime() > producedAt + MAX_PRODUCER_CLOCK_SKEW_MS) {
    return poison(`${HEADERS.occurredAt} ${occurredAt.toISOString()} lies after the record was produced (${new Date(producedAt).toISOString()})`);
  }
  let payload: unknown;
  try {
    payload = type.decode(message.value ?? new Uint8Array());
  } catch (error) {
    return poison(`undecodable ${typeName} payload: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    ok: true,
    event: { eventId, type: typeName, producer: headers[HEADERS.producer] ?? '', occurredAt, key, payload, topic, partition, offset: message.offset, headers },
  };
}
