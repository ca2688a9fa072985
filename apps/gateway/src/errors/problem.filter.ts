import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { Logger } from '@bazaar/observability';
import { REQUEST_ID_HEADER } from '../http/request-id.js';
import { grpcErrorToProblem, isGrpcError } from './grpc-to-http.js';
import { PROBLEM_CONTENT_TYPE, ProblemError, problem, type Problem } from './problem.js';

const ROUTABLE_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const UNEXPECTED_DETAIL = 'An unexpected error occurred.';

/** Writes `body` as application/problem+json, completed with the request's path and id. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, body: Problem): void {
  const full: Problem = { ...body, instance: request.url.split('?', 1)[0], requestId: String(request.id) };
  reply
    .status(full.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .header(REQUEST_ID_HEADER, full.requestId)
    .send(JSON.stringify(full));
}

function statusCodeOf(error: unknown): number | undefined {
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode <= 599 ? statusCode : undefined;
}

/** Fixed texts for Fastify's request rejections: their own messages may quote the body (JSON syntax errors do). */
const FRAMEWORK_DETAIL: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the body as application/json.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty but Content-Type is application/json.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The body is too large.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body.',
};

function clientErrorDetail(error: unknown, status: number): string | undefined {
  if (status === 404) return 'Nothing is served at this path.';
  if (error instanceof HttpException) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FRAMEWORK_DETAIL[code]) return FRAMEWORK_DETAIL[code];
  if (error instanceof SyntaxError) return 'The body is not valid JSON.';
  return undefined;
}

/**
 * What to answer for anything thrown while handling a request. Client
 * errors raised by Nest keep their message; Fastify's get a fixed text
 * (never anything from the request body); everything that is our fault
 * gets a fixed detail.
 */
export function problemFor(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  if (isGrpcError(error)) return grpcErrorToProblem(error);
  const status = error instanceof HttpException ? error.getStatus() : statusCodeOf(error);
  if (status !== undefined && status < 500) return problem(status, clientErrorDetail(error, status));
  return problem(status ?? 500, UNEXPECTED_DETAIL);
}

/**
 * Fastify's own rejections of a URL it cannot route at all (bad percent
 * escapes, overlong path segments), with a fixed detail rather than the echoed URL.
 */
export function frameworkProblem(error: { code?: string; statusCode?: number }): Problem {
  if (error.code === 'FST_ERR_BAD_URL') return problem(400, 'The URL is not validly percent-encoded.');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return problem(414, 'A path segment is too long.');
  return problemFor(error);
}

/** The one global filter: every error leaves the gateway as RFC 9457 problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly fastify: FastifyInstance,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    let body = problemFor(exception);
    // Outages (503/504) are expected now and then; anything else 5xx is a bug or a broken upstream.
    if (body.status >= 500) {
      const level = body.status === 503 || body.status === 504 ? 'warn' : 'error';
      this.logger[level]({ err: exception, requestId: request.id, status: body.status }, 'request failed');
    }
    if (reply.sent || reply.raw.headersSent) return;

    if (body.status === 404 && request.is404) {
      const allowed = this.allowedMethods(request.url.split('?', 1)[0] ?? '/');
      // A route for this very method that answered "not found" (e.g. a missing static file) stays a 404.
      if (allowed.length > 0 && !allowed.includes(request.method as HTTPMethods)) {
        reply.header('allow', allowed.join(', '));
        body = problem(405, `Allowed methods: ${allowed.join(', ')}.`);
      }
    }
    sendProblem(request, reply, body);
  }

  /** Methods that have a route at this concrete path, for 405 instead of 404. */
  private allowedMethods(path: string): string[] {
    try {
      return ROUTABLE_METHODS.filter((method) => this.fastify.findRoute({ method, url: path }) !== null);
    } catch {
      return [];
    }
  }
}
