import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanStatusCode, context } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, StackContextManager, TracerProvider } from '@opentelemetry/sdk-trace';
import { Histogram } from 'prom-client';
import { withTraceExemplars } from './exemplars.js';
import { metricsRegistry, rpcServerDuration } from './metrics.js';
import { inActiveSpan, nameHttpServerSpan } from './spans.js';
import { traceIds } from './trace-ids.js';

describe('spans and exemplars', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('test');

  beforeAll(() => {
    context.setGlobalContextManager(new StackContextManager().enable());
  });
  afterAll(async () => {
    context.disable();
    await provider.shutdown();
  });

  it('records a failure as ERROR status plus an exception event, and rethrows it', async () => {
    await expect(inActiveSpan(tracer, 'reserve', {}, async () => Promise.reject(new Error('out of stock')))).rejects.toThrow('out of stock');
    const [span] = exporter.getFinishedSpans();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'out of stock' });
    expect(span!.events.map((e) => [e.name, e.attributes?.['exception.message']])).toEqual([['exception', 'out of stock']]);
  });

  it('names the HTTP server span after its route template', async () => {
    await inActiveSpan(tracer, 'GET', {}, async () => nameHttpServerSpan('GET', '/api/orders/:id'));
    expect(exporter.getFinishedSpans().at(-1)).toMatchObject({ name: 'GET /api/orders/:id', attributes: { 'http.route': '/api/orders/:id' } });
  });

  it('keeps the active trace id as the exemplar of a RED histogram bucket', async () => {
    const labels = { rpc_service: 'bazaar.test.v1.Exemplar', rpc_method: 'Observe', rpc_grpc_status_code: '0' };
    const traceId = await inActiveSpan(tracer, 'handle', {}, async () => {
      rpcServerDuration.observe(labels, 0.003);
      return traceIds().traceId;
    });
    rpcServerDuration.startTimer({ ...labels, rpc_method: 'Untraced' })();
    const body = await metricsRegistry.metrics();
    const bucket = body.split('\n').find((line) => line.startsWith('rpc_server_duration_seconds_bucket{le="0.005",rpc_service="bazaar.test.v1.Exemplar",rpc_method="Observe"'));
    expect(bucket).toMatch(new RegExp(`\\} 1 # \\{trace_id="${traceId}"\\} 0\\.003 \\d+`));
    const untraced = body.split('\n').find((line) => line.startsWith('rpc_server_duration_seconds_bucket{le="0.005",rpc_service="bazaar.test.v1.Exemplar",rpc_method="Untraced"'));
    expect(untraced).toMatch(/\} 1$/);
    expect(() => withTraceExemplars(new Histogram({ name: 'no_exemplar_slots_seconds', help: 'h', registers: [] }))).toThrow(/enableExemplars: true/);
  });
});
