import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { httpServerDuration, nameHttpServerSpan, type Logger } from '@bazaar/observability';
import { REQUEST_ID_HEADER } from './request-id.js';

/** The route label of requests that matched no route; raw URLs never become labels. */
export const UNMATCHED_ROUTE = 'unmatched';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Probe and scrape traffic is logged at debug so it does not drown the access log. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export function routeTemplateOf(request: FastifyRequest): string {
  // Requests Fastify rejects before routing have no route context at all.
  return (!request.is404 && request.routeOptions?.url) || UNMATCHED_ROUTE;
}

/** Records the request-duration histogram and writes one access-log line. */
export function recordRequest(request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const route = routeTemplateOf(request);
  const method = KNOWN_METHODS.has(request.method) ? request.method : 'OTHER';
  const status = reply.statusCode;
  const durationMs = reply.elapsedTime;
  httpServerDuration.observe(
    { http_request_method: method, http_route: route, http_response_status_code: String(status) },
    durationMs / 1000,
  );
  // Only these fields: headers (Authorization, Cookie) and query strings stay out of the log.
  const line = { method, route, status, durationMs: Math.round(durationMs * 10) / 10, requestId: request.id };
  if (status >= 500) logger.warn(line, 'request failed');
  else if (QUIET_ROUTES.has(route)) logger.debug(line, 'request completed');
  else logger.info(line, 'request completed');
}

/**
 * Echoes the request id on every response and observes every finished
 * request (matched or not) by its route template.
 */
export function registerRequestHooks(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const route = routeTemplateOf(request);
    if (route !== UNMATCHED_ROUTE) nameHttpServerSpan(request.method, route);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    recordRequest(request, reply, logger);
    done();
  });
}
