import { HEADERS, PROTOBUF_CONTENT_TYPE, type OutgoingRecord } from '../types.js';

export const CLOUDEVENTS_SPEC_VERSION = '1.0';

/** The CloudEvents headers of a record (trace context is added by the caller's propagator). */
export function cloudEventHeaders(record: OutgoingRecord): Record<string, string> {
  return {
    [HEADERS.eventId]: record.eventId,
    [HEADERS.type]: record.type,
    [HEADERS.producer]: record.producer,
    [HEADERS.occurredAt]: record.occurredAt.toISOString(),
    [HEADERS.specVersion]: CLOUDEVENTS_SPEC_VERSION,
    [HEADERS.contentType]: PROTOBUF_CONTENT_TYPE,
  };
}

type RawHeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** Record headers as strings (a repeated header keeps its first value). */
export function headersToStrings(headers: Record<string, RawHeaderValue> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    result[name] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return result;
}
