import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { status, type Metadata, type ServerUnaryCall } from '@grpc/grpc-js';
import { rpcServerDuration } from '@bazaar/observability';
import { Observable, tap } from 'rxjs';
import { PROPAGATED_KEYS, runWithCallContext, type CallContext } from '../call-context.js';
import { toGrpcStatus } from '../errors/to-grpc-status.js';

function contextOf(metadata: Metadata, call: ServerUnaryCall<unknown, unknown>): CallContext {
  const propagated: Record<string, string> = {};
  for (const key of PROPAGATED_KEYS) {
    const value = metadata.get(key)[0];
    if (typeof value === 'string' && value.length > 0) propagated[key] = value;
  }
  const deadline = call.getDeadline?.();
  const finite = deadline instanceof Date ? deadline : typeof deadline === 'number' && Number.isFinite(deadline) ? new Date(deadline) : undefined;
  return { deadline: finite && Number.isFinite(finite.getTime()) ? finite : undefined, propagated };
}

/** `/bazaar.catalog.v1.CatalogService/ListProducts` → service and method labels. */
function rpcLabels(call: ServerUnaryCall<unknown, unknown>, fallback: string) {
  const path = call.getPath?.() ?? `/unknown/${fallback}`;
  const [, service = 'unknown', method = fallback] = path.split('/');
  return { rpc_service: service, rpc_method: method };
}

/**
 * Runs every gRPC handler inside its call context (deadline + propagated
 * metadata, read by the client factory) and records RED metrics.
 */
@Injectable()
export class GrpcContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const metadata = context.switchToRpc().getContext<Metadata>();
    const call = context.getArgByIndex<ServerUnaryCall<unknown, unknown>>(2);
    const labels = rpcLabels(call, context.getHandler().name);
    const stopTimer = rpcServerDuration.startTimer(labels);
    const callContext = contextOf(metadata, call);
    return new Observable((subscriber) =>
      runWithCallContext(callContext, () =>
        next
          .handle()
          .pipe(
            tap({
              complete: () => stopTimer({ rpc_grpc_status_code: String(status.OK) }),
              error: (error: unknown) => stopTimer({ rpc_grpc_status_code: String(toGrpcStatus(error).code) }),
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
