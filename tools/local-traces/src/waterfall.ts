import type { AttributeValue, SpanRecord } from './span-record.js';

/** The span attribute the orders service puts on every span that works on one order. */
export const ORDER_ID_ATTRIBUTE = 'bazaar.order.id';

export interface WaterfallOptions {
  /** Width of the timeline bar column (default 40). */
  barWidth?: number;
  /** Longest span label before it is cut (default 56). */
  labelWidth?: number;
  /** Database spans as rows of their own; by default they are folded into a count on their parent's row. */
  showDatabaseSpans?: boolean;
}

/** The traces that touched `orderId`, earliest first. */
export function traceIdsOfOrder(spans: readonly SpanRecord[], orderId: string): string[] {
  const starts = new Map<string, number>();
  for (const span of spans) {
    if (span.attributes[ORDER_ID_ATTRIBUTE] !== orderId) continue;
    starts.set(span.traceId, Math.min(starts.get(span.traceId) ?? Infinity, traceStart(spans, span.traceId)));
  }
  return [...starts].sort((a, b) => a[1] - b[1]).map(([traceId]) => traceId);
}

/** The order id on the most recently started span that has one. */
export function latestOrderId(spans: readonly SpanRecord[]): string | undefined {
  let latest: SpanRecord | undefined;
  for (const span of spans) {
    if (typeof span.attributes[ORDER_ID_ATTRIBUTE] === 'string' && (!latest || span.startMs > latest.startMs)) latest = span;
  }
  return latest?.attributes[ORDER_ID_ATTRIBUTE] as string | undefined;
}

function traceStart(spans: readonly SpanRecord[], traceId: string): number {
  return Math.min(...spans.filter((s) => s.traceId === traceId).map((s) => s.startMs));
}

interface Row {
  span: SpanRecord;
  depth: number;
  orphan: boolean;
  /** Database spans folded into this row. */
  folded: SpanRecord[];
}

const isDatabaseSpan = (span: SpanRecord): boolean => span.attributes['db.system.name'] !== undefined || span.attributes['db.system'] !== undefined;

/** Spans in tree order (parents before children, siblings by start); spans whose parent is missing start a tree of their own. */
function treeOrder(spans: readonly SpanRecord[], foldDatabase: boolean): Row[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const fold = (span: SpanRecord) => foldDatabase && isDatabaseSpan(span) && span.parentSpanId !== undefined && ids.has(span.parentSpanId);
  const children = new Map<string, SpanRecord[]>();
  const roots: SpanRecord[] = [];
  for (const span of [...spans].sort((a, b) => a.startMs - b.startMs)) {
    if (span.parentSpanId && ids.has(span.parentSpanId)) children.set(span.parentSpanId, [...(children.get(span.parentSpanId) ?? []), span]);
    else roots.push(span);
  }
  const rows: Row[] = [];
  const visit = (span: SpanRecord, depth: number, orphan: boolean) => {
    const kids = children.get(span.spanId) ?? [];
    rows.push({ span, depth, orphan, folded: kids.filter(fold) });
    for (const child of kids.filter((kid) => !fold(kid))) visit(child, depth + 1, false);
  };
  for (const root of roots) visit(root, 0, root.parentSpanId !== undefined);
  return rows;
}

export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function bar(span: SpanRecord, start: number, total: number, width: number): string {
  const from = Math.min(width - 1, Math.floor(((span.startMs - start) / total) * width));
  const length = Math.max(1, Math.min(width - from, Math.round(((span.endMs - span.startMs) / total) * width)));
  return `${' '.repeat(from)}${'█'.repeat(length)}`.padEnd(width);
}

const showValue = (value: AttributeValue): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** One trace as text: a tree of spans with service, a bar on the trace's timeline and the duration; errors and span events below their span. */
export function renderWaterfall(spans: readonly SpanRecord[], options: WaterfallOptions = {}): string[] {
  const first = spans[0];
  if (!first) return [];
  const barWidth = options.barWidth ?? 40;
  const labelWidth = options.labelWidth ?? 56;
  const start = Math.min(...spans.map((s) => s.startMs));
  const total = Math.max(Math.max(...spans.map((s) => s.endMs)) - start, 0.001);
  const serviceWidth = Math.max(...spans.map((s) => s.service.length));
  const services = [...new Set(spans.map((s) => s.service))];
  const errors = spans.filter((s) => s.status.code === 'error').length;
  const lines = [
    `trace ${first.traceId} · ${spans.length} spans · ${services.length} services · ${formatDuration(total)}${errors ? ` · ${errors} with errors` : ''}`,
  ];
  for (const { span, depth, orphan, folded } of treeOrder(spans, !options.showDatabaseSpans)) {
    const indent = '  '.repeat(depth);
    const label = fit(`${indent}${span.name}${orphan ? ' (parent not received)' : ''}`, labelWidth);
    const mark = `${folded.length ? ` · ${folded.length} db ${formatDuration(folded.reduce((sum, s) => sum + s.endMs - s.startMs, 0))}` : ''}${span.status.code === 'error' ? ' ✗' : ''}`;
    lines.push(`${label} ${span.service.padEnd(serviceWidth)} │${bar(span, start, total, barWidth)}│ ${formatDuration(span.endMs - span.startMs)}${mark}`);
    const pad = ' '.repeat(Math.min(depth * 2 + 2, labelWidth));
    if (span.status.code === 'error') lines.push(`${pad}✗ ${span.status.message ?? 'error'}`);
    for (const event of span.events.filter((e) => e.name !== 'exception')) {
      // the last segment of a key is enough under its event's name: step=…, not bazaar.saga.step=…
      const details = Object.entries(event.attributes).map(([key, value]) => `${key.split('.').at(-1)}=${showValue(value)}`);
      lines.push(`${pad}· +${formatDuration(event.timeMs - start)} ${event.name} ${details.join(' ')}`.trimEnd());
    }
  }
  return lines;
}
