import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { runWithCallContext } from '@bazaar/grpc';
import { Observable } from 'rxjs';
import { REQUEST_ID_HEADER } from './request-id.js';

/**
 * Runs each handler inside the request's call context, so every gRPC call it
 * makes carries the request id and a deadline of at most what is left of
 * the request's own (counted from when the request arrived).
 */
export class CallContextInterceptor implements NestInterceptor {
  constructor(private readonly requestTimeoutMs: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const deadline = new Date(Date.now() - reply.elapsedTime + this.requestTimeoutMs);
    const callContext = { deadline, propagated: { [REQUEST_ID_HEADER]: String(request.id) } };
    return new Observable((subscriber) => runWithCallContext(callContext, () => next.handle().subscribe(subscriber)));
  }
}
