import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSpanFile,
  latestOrderId,
  localTraceFile,
  readSpanFile,
  renderWaterfall,
  startOtlpReceiver,
  traceIdsOfOrder,
  type OtlpReceiver,
  type SpanRecord,
} from './index.js';

describe('local traces', () => {
  let receiver: OtlpReceiver;
  const received: SpanRecord[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'local-traces-'));

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ onSpans: (spans) => received.push(...spans) });
  });
  afterAll(async () => {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('receives what the official OTLP/HTTP protobuf exporter sends', async () => {
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'orders' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${receiver.endpoint}/v1/traces` }) })],
    });
    const tracer = provider.getTracer('test');
    const parent = tracer.startSpan('PlaceOrder', { kind: SpanKind.SERVER, attributes: { 'bazaar.order.id': 'o-1', 'rpc.system': 'grpc' } });
    const child = tracer.startSpan(
      'send orders.events',
      { kind: SpanKind.PRODUCER, attributes: { retries: 3, ok: true, ratio: 0.5, tags: ['a', 'b'] } },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    child.addEvent('saga.step', { step: 'reserve_stock', outcome: 'requested' });
    child.recordException(new Error('broker down'));
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'broker down' });
    child.end();
    parent.end();
    await provider.forceFlush();
    await provider.shutdown();

    expect(received).toHaveLength(2);
    const [sent, placed] = received;
    expect(placed).toMatchObject({
      traceId: parent.spanContext().traceId,
      spanId: parent.spanContext().spanId,
      name: 'PlaceOrder',
      kind: 'server',
      service: 'orders',
      attributes: { 'bazaar.order.id': 'o-1', 'rpc.system': 'grpc' },
      status: { code: 'unset' },
    });
    expect(placed!.parentSpanId).toBeUndefined();
    expect(sent).toMatchObject({
      parentSpanId: parent.spanContext().spanId,
      kind: 'producer',
      attributes: { retries: 3, ok: true, ratio: 0.5, tags: ['a', 'b'] },
      status: { code: 'error', message: 'broker down' },
    });
    expect(sent!.events.map((e) => e.name)).toEqual(['saga.step', 'exception']);
    expect(sent!.endMs).toBeGreaterThanOrEqual(sent!.startMs);
    expect(Math.abs(sent!.startMs - Date.now())).toBeLessThan(60_000);
  });

  it('refuses what it cannot decode without crashing', async () => {
    const post = (contentType: string, body: string) =>
      fetch(`${receiver.endpoint}/v1/traces`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect((await post('application/json', '{}')).status).toBe(415);
    expect((await post('application/x-protobuf', '\u00ff\u00ff\u00ff')).status).toBe(400);
    expect((await fetch(`${receiver.endpoint}/other`)).status).toBe(404);
  });

  it('keeps spans in a file and finds the traces of an order', () => {
    const file = localTraceFile(dir);
    createSpanFile(file).append(received);
    const spans = readSpanFile(file);
    expect(spans).toEqual(received);
    expect(latestOrderId(spans)).toBe('o-1');
    expect(traceIdsOfOrder(spans, 'o-1')).toEqual([received[0]!.traceId]);
    expect(traceIdsOfOrder(spans, 'o-2')).toEqual([]);
  });

  it('rotates a full span file while appending, keeping the one before and reading both in order', () => {
    const file = join(dir, 'rotating', 'spans.jsonl');
    const spanFile = createSpanFile(file, { rotateAtBytes: 400 });
    const written = Array.from({ length: 12 }, (_, i) => span({ spanId: `s${i}`, startMs: i }));
    for (const one of written) spanFile.append([one]);
    expect(existsSync(`${file}.1`)).toBe(true);
    // Two files at most: everything older than the one set aside is gone; what is left is the newest, in order.
    const kept = readSpanFile(file);
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.length).toBeLessThan(written.length);
    expect(kept).toEqual(written.slice(-kept.length));
    expect(statSync(file).size).toBeLessThanOrEqual(400 + JSON.stringify(written[0]).length + 10);
  });
});

const span = (overrides: Partial<SpanRecord>): SpanRecord => ({
  traceId: 't1',
  spanId: 's1',
  name: 'span',
  kind: 'internal',
  service: 'gateway',
  startMs: 1000,
  endMs: 1100,
  attributes: {},
  status: { code: 'unset' },
  events: [],
  links: [],
  ...overrides,
});

describe('renderWaterfall', () => {
  it('draws the tree on one timeline, with errors, events and missing parents', () => {
    const lines = renderWaterfall(
      [
        span({ spanId: 'c', parentSpanId: 'a', name: 'PlaceOrder', service: 'orders', startMs: 1050, endMs: 1100, events: [{ name: 'saga.step', timeMs: 1060, attributes: { 'bazaar.saga.step': 'reserve_stock' } }] }),
        span({ spanId: 'a', name: 'POST /api/checkout', startMs: 1000, endMs: 1100 }),
        span({ spanId: 'b', parentSpanId: 'a', name: 'GetCart', service: 'cart', startMs: 1000, endMs: 1050, status: { code: 'error', message: 'boom' } }),
        span({ spanId: 'd', parentSpanId: 'gone', name: 'process payments.commands', service: 'payments', startMs: 1200, endMs: 1400 }),
        span({ spanId: 'e', parentSpanId: 'c', name: 'SELECT orders', service: 'orders', startMs: 1070, endMs: 1073, attributes: { 'db.system.name': 'postgresql' } }),
        span({ spanId: 'f', parentSpanId: 'c', name: 'UPDATE orders', service: 'orders', startMs: 1080, endMs: 1082, attributes: { 'db.system.name': 'postgresql' } }),
      ],
      { barWidth: 8, labelWidth: 40 },
    );
    expect(lines).toEqual([
      'trace t1 · 6 spans · 4 services · 400 ms · 1 with errors',
      'POST /api/checkout                       gateway  │██      │ 100 ms',
      '  GetCart                                cart     │█       │ 50 ms ✗',
      '    ✗ boom',
      '  PlaceOrder                             orders   │ █      │ 50 ms · 2 db 5.0 ms',
      '    · +60 ms saga.step step=reserve_stock',
      'process payments.commands (parent not r… payments │    ████│ 200 ms',
    ]);
  });

  it('shows database spans as rows when asked', () => {
    const lines = renderWaterfall(
      [span({ spanId: 'a', name: 'PlaceOrder' }), span({ spanId: 'b', parentSpanId: 'a', name: 'SELECT orders', attributes: { 'db.system.name': 'postgresql' } })],
      { barWidth: 4, labelWidth: 20, showDatabaseSpans: true },
    );
    expect(lines.slice(1)).toEqual(['PlaceOrder           gateway │████│ 100 ms', '  SELECT orders      gateway │████│ 100 ms']);
  });
});
