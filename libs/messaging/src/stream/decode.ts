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

/** Longest event id the inbox stores: a longer one would exceed PostgreSQL's index row size and fail its batch forever. */
export const MAX_EVENT_ID_LENGTH = 256;

/** Why an event can't be applied although it decoded (checked by the service), or undefined when it can. */
export type EventValidator = (event: IncomingEvent) => string | undefined;

export type Decoded =
  | { ok: true; event: IncomingEvent }
  | { ok: false; reason: string; key: string | null; value: Buffer | null; headers: Record<string, string>; offset: string };

/**
 * One record as an event with a valid event time, or why it can't be one (it then goes to the DLQ). A
 * record that would fail its transaction on every retry (NUL in text, an oversized id) must be poison
 * here: otherwise it blocks its partition forever.
 */
export function decodeRecord(topic: string, partition: number, message: KafkaMessage, types: ReadonlyMap<string, MessageType>, validate?: EventValidator): Decoded {
  const headers = headersToStrings(message.headers);
  const key = message.key === null ? null : message.key.toString('utf8');
  const poison = (reason: string): Decoded => ({ ok: false, reason, key, value: message.value, headers, offset: message.offset });
  const typeName = headers[HEADERS.type];
  if (!typeName) return poison(`record has no ${HEADERS.type} header`);
  const type = types.get(typeName);
  if (!type) return poison(`no handler for message type ${typeName}`);
  const eventId = headers[HEADERS.eventId];
  if (!eventId) return poison(`record has no ${HEADERS.eventId} header`);
  if (eventId.length > MAX_EVENT_ID_LENGTH || eventId.includes('\u0000')) return poison(`${HEADERS.eventId} is longer than ${MAX_EVENT_ID_LENGTH} characters or contains NUL`);
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
  const event: IncomingEvent = { eventId, type: typeName, producer: headers[HEADERS.producer] ?? '', occurredAt, key, payload, topic, partition, offset: message.offset, headers };
  const invalid = validate?.(event);
  return invalid === undefined ? { ok: true, event } : poison(invalid);
}
