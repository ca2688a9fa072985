import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, StackContextManager, TracerProvider } from '@opentelemetry/sdk-trace';
import { createLogger } from './logger.js';
import { traceIds } from './trace-ids.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { destination, lines, records };
}

describe('createLogger', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new StackContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  afterAll(async () => {
    context.disable();
    await provider.shutdown();
  });

  it('writes one JSON object per line with service, ISO time and level label', () => {
    const out = capture();
    const logger = createLogger({ service: 'catalog', level: 'info', destination: out.destination });
    logger.info({ sku: 'A1' }, 'product listed');
    logger.debug('hidden below the level');
    expect(out.lines).toHaveLength(1);
    const [line] = out.records();
    expect(line).toMatchObject({ level: 'info', service: 'catalog', sku: 'A1', msg: 'product listed' });
    expect(new Date(line?.['time'] as string).toISOString()).toBe(line?.['time']);
    expect(line).not.toHaveProperty('trace_id');
  });

  it('adds trace_id and span_id of the active span', () => {
    const out = capture();
    const logger = createLogger({ service: 'orders', level: 'info', destination: out.destination });
    const span = provider.getTracer('test').startSpan('place-order');
    context.with(trace.setSpan(context.active(), span), () => {
      logger.info('inside the span');
      expect(traceIds()).toEqual({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
    });
    span.end();
    expect(out.records()[0]).toMatchObject({
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['place-order']);
    expect(traceIds()).toEqual({});
  });

  it('redacts secrets in fields, nested paths and child bindings', () => {
    const out = capture();
    const logger = createLogger({ service: 'gateway', level: 'info', destination: out.destination });
    logger
      .child({ requestId: 'r1' })
      .child({ apiToken: 'child-secret' })
      .info(
        { req: { headers: { authorization: 'Bearer eyJhbGciOi', 'user-agent': 'jest' } }, card: { cvv: '123' }, password: 'hunter2' },
        'login',
      );
    const [line] = out.lines;
    for (const secret of ['child-secret', 'eyJhbGciOi', 'hunter2', '"123"']) expect(line).not.toContain(secret);
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      apiToken: '[REDACTED]',
      password: '[REDACTED]',
      card: '[REDACTED]',
      req: { headers: { authorization: '[REDACTED]', 'user-agent': 'jest' } },
    });
  });
});
