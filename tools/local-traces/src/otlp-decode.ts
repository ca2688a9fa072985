import { createRequire } from 'node:module';
import type { Attributes, AttributeValue, SpanKindName, SpanRecord } from './span-record.js';

/**
 * The protobufjs root generated (pbjs) from the official opentelemetry-proto files, as the
 * OpenTelemetry JS project shipped it in otlp-transformer up to 0.21x. Newer releases serialize by
 * hand and no longer ship it, so this older release is a dependency of its own, used only to decode.
 */
interface MessageType {
  decode(data: Uint8Array): unknown;
  toObject(message: unknown, options: { longs: StringConstructor; enums: NumberConstructor; arrays: boolean }): unknown;
}
type Root = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const root = createRequire(import.meta.url)('otlp-transformer-protobuf/build/src/generated/root.js') as Root;
const collectorTrace = root['opentelemetry'].proto.collector.trace.v1 as {
  ExportTraceServiceRequest: MessageType;
  ExportTraceServiceResponse: MessageType & { encode(message: object): { finish(): Uint8Array } };
};
const { ExportTraceServiceRequest, ExportTraceServiceResponse } = collectorTrace;

interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: Uint8Array;
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
interface OtlpSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  parentSpanId?: Uint8Array;
  name: string;
  kind?: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpKeyValue[];
  events?: { timeUnixNano: string; name: string; attributes?: OtlpKeyValue[] }[];
  links?: { traceId: Uint8Array; spanId: Uint8Array; attributes?: OtlpKeyValue[] }[];
  status?: { code?: number; message?: string };
}
interface OtlpRequest {
  resourceSpans?: { resource?: { attributes?: OtlpKeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

const KINDS: SpanKindName[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS: SpanRecord['status']['code'][] = ['unset', 'ok', 'error'];

const hex = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('hex');
const nanosToMs = (nanos: string): number => Number(BigInt(nanos) / 1000n) / 1000;

function valueOf(value: OtlpAnyValue | undefined): AttributeValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(valueOf);
  if (value.kvlistValue) return attributesOf(value.kvlistValue.values);
  if (value.bytesValue) return Buffer.from(value.bytesValue).toString('base64');
  return null;
}

function attributesOf(list: OtlpKeyValue[] | undefined): Attributes {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

function spanOf(span: OtlpSpan, service: string): SpanRecord {
  const parent = hex(span.parentSpanId);
  return {
    traceId: hex(span.traceId),
    spanId: hex(span.spanId),
    ...(parent ? { parentSpanId: parent } : {}),
    name: span.name,
    kind: KINDS[span.kind ?? 0] ?? 'unspecified',
    service,
    startMs: nanosToMs(span.startTimeUnixNano),
    endMs: nanosToMs(span.endTimeUnixNano),
    attributes: attributesOf(span.attributes),
    status: { code: STATUS[span.status?.code ?? 0] ?? 'unset', ...(span.status?.message ? { message: span.status.message } : {}) },
    events: (span.events ?? []).map((e) => ({ name: e.name, timeMs: nanosToMs(e.timeUnixNano), attributes: attributesOf(e.attributes) })),
    links: (span.links ?? []).map((l) => ({ traceId: hex(l.traceId), spanId: hex(l.spanId), attributes: attributesOf(l.attributes) })),
  };
}

/** Decodes an OTLP/HTTP protobuf ExportTraceServiceRequest body into flat span records. */
export function decodeTraceRequest(body: Uint8Array): SpanRecord[] {
  const message = ExportTraceServiceRequest.decode(body);
  const request = ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number, arrays: true }) as OtlpRequest;
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? 'unknown_service');
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) => (scope.spans ?? []).map((span) => spanOf(span, service)));
  });
}

/** An empty ExportTraceServiceResponse: everything accepted. */
export function encodeTraceResponse(): Uint8Array {
  return ExportTraceServiceResponse.encode({}).finish();
}
