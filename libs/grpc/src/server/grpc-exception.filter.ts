import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { failSpan, type Logger } from '@bazaar/observability';
import { throwError, type Observable } from 'rxjs';
import { toGrpcStatus } from '../errors/to-grpc-status.js';

/**
 * The one global filter of every gRPC service: domain errors become their
 * status code with rich details; anything unexpected is logged and leaves as
 * INTERNAL with a generic message — never UNKNOWN, never a stack trace — and
 * is recorded on the active span.
 */
@Catch()
export class GrpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown): Observable<never> {
    const grpcStatus = toGrpcStatus(exception);
    if (grpcStatus.unexpected) {
      this.logger.error({ err: exception, grpc_code: grpcStatus.code }, 'unexpected error in gRPC handler');
      // The instrumentation only sees INTERNAL leave: the cause stays with the server span as its exception event.
      const span = trace.getActiveSpan();
      if (span) failSpan(span, exception);
    }
    const { code, details, metadata } = grpcStatus;
    return throwError(() => ({ code, details, message: details, metadata }));
  }
}
