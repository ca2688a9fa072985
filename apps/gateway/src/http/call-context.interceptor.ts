import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { runWithCallContext } from '@bazaar/grpc';
import { Observable } from 'rxjs';
import { authenticatedUserOf } from '../auth/authentication.js';
import { REQUEST_ID_HEADER } from './request-id.js';

export const USER_ID_METADATA = 'x-user-id';

/**
 * Runs each handler inside the request's call context, so every gRPC call it
 * makes carries the request id, the verified user id (routes behind the auth
 * guard, which runs before interceptors) and a deadline of at most what is
 * left of the request's own (counted from when the request arrived).
 */
export class CallContextInterceptor implements NestInterceptor {
  constructor(private readonly requestTimeoutMs: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const deadline = new Date(Date.now() - reply.elapsedTime + this.requestTimeoutMs);
    const propagated: Record<string, string> = { [REQUEST_ID_HEADER]: String(request.id) };
    const userId = authenticatedUserOf(request);
    if (userId) propagated[USER_ID_METADATA] = userId;
    return new Observable((subscriber) => runWithCallContext({ deadline, propagated }, () => next.handle().subscribe(subscriber)));
  }
}
