import { SpanStatusCode, trace, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';

/** Marks `span` failed: an `exception` event plus ERROR status with the message. */
export function failSpan(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}

/** Runs `work` in a new active span that ends with it and records its failure. */
export function inActiveSpan<T>(tracer: Tracer, name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Names the active HTTP server span `{method} {route}` and sets `http.route`, as the HTTP semantic
 * conventions ask: the instrumentation sees only the raw request, the framework knows the route template.
 */
export function nameHttpServerSpan(method: string, route: string): void {
  const span = trace.getActiveSpan();
  span?.setAttribute('http.route', route);
  span?.updateName(`${method} ${route}`);
}
