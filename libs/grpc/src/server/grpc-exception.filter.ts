import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import type { Logger } from '@bazaar/observability';
import { throwError, type Observable } from 'rxjs';
import { toGrpcStatus } from '../errors/to-grpc-status.js';

/**
 * The one global filter of every gRPC service: domain errors become their
 * status code with rich details; anything unexpected is logged and leaves as
 * INTERNAL with a generic message — never UNKNOWN, never a stack trace.
 */
@Catch()
export class GrpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown): Observable<never> {
    const grpcStatus = toGrpcStatus(exception);
    if (grpcStatus.unexpected) {
      this.logger.error({ err: exception, grpc_code: grpcStatus.code }, 'unexpected error in gRPC handler');
    }
    const { code, details, metadata } = grpcStatus;
    return throwError(() => ({ code, details, message: details, metadata }));
  }
}
