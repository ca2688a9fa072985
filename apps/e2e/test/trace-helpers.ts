import type { SpanRecord } from '@bazaar/local-traces';

/** Spans whose parent span id is not among `trace`'s spans. */
export function orphans(trace: readonly SpanRecord[]): SpanRecord[] {
  const ids = new Set(trace.map((s) => s.spanId));
  return trace.filter((s) => s.parentSpanId !== undefined && !ids.has(s.parentSpanId));
}

export function parentOf(trace: readonly SpanRecord[], span: SpanRecord): SpanRecord | undefined {
  return trace.find((s) => s.spanId === span.parentSpanId);
}

/** `name service kind → parent` lines: what a failed expectation prints so the trace can be read. */
export function describeTrace(trace: readonly SpanRecord[]): string {
  return trace
    .map((s) => `${s.service} ${s.kind} "${s.name}" ${s.spanId}${s.parentSpanId ? ` ← ${s.parentSpanId}` : ' (root)'}${s.status.code === 'error' ? ' ERROR' : ''}`)
    .join('\n');
}

/** The sum of a metric's samples whose labels include `labels`, from Prometheus/OpenMetrics text; undefined when none match. */
export function sampleSum(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let sum: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*?)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) sum = (sum ?? 0) + Number(match[3]);
  }
  return sum;
}
