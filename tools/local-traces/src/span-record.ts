/** An attribute value as OTLP carries it, flattened to JSON. */
export type AttributeValue = string | number | boolean | AttributeValue[] | { [key: string]: AttributeValue } | null;
export type Attributes = Record<string, AttributeValue>;

export type SpanKindName = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** One received span, flattened from OTLP: ids in lowercase hex, times in fractional epoch milliseconds. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKindName;
  /** The resource's service.name. */
  service: string;
  startMs: number;
  endMs: number;
  attributes: Attributes;
  status: { code: 'unset' | 'ok' | 'error'; message?: string };
  events: { name: string; timeMs: number; attributes: Attributes }[];
  links: { traceId: string; spanId: string; attributes: Attributes }[];
}
