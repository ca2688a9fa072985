import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, StackContextManager, TracerProvider } from '@opentelemetry/sdk-trace';
import { createLogger } from '@bazaar/observability';
import { lastValueFrom } from 'rxjs';
import { NotFoundError } from '../errors/rpc-errors.js';
import { GrpcExceptionFilter } from './grpc-exception.filter.js';

describe('GrpcExceptionFilter on the active span', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const filter = new GrpcExceptionFilter(createLogger({ service: 'grpc-test', level: 'silent' }));

  beforeAll(() => {
    context.setGlobalContextManager(new StackContextManager().enable());
  });
  afterAll(async () => {
    context.disable();
    await provider.shutdown();
  });

  const handledIn = async (name: string, exception: unknown) => {
    await provider.getTracer('test').startActiveSpan(name, async (span) => {
      await lastValueFrom(filter.catch(exception)).catch(() => undefined);
      span.end();
    });
    return exporter.getFinishedSpans().find((s) => s.name === name)!;
  };

  it('records an unexpected error as an exception event with ERROR status', async () => {
    const span = await handledIn('unexpected', new TypeError("Cannot read properties of undefined (reading 'sku')"));
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events.map((e) => [e.name, e.attributes?.['exception.type']])).toEqual([['exception', 'TypeError']]);
  });

  it('leaves a domain error to the status code: no exception event', async () => {
    const span = await handledIn('domain', new NotFoundError('order', 'o-1'));
    expect(span.events).toEqual([]);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
