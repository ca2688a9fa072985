import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { authenticationOf } from '../auth/authentication.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { ProblemError, problem } from '../errors/problem.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isMutating(request: FastifyRequest): boolean {
  return !SAFE_METHODS.has(request.method);
}

/**
 * Limits mutating requests per verified user, or per client IP when the
 * request has no valid token: RATE_LIMIT_PER_MINUTE in a one-minute window
 * shared by all mutating routes (a whole minute's allowance can be used as
 * a burst). Over the limit → 429 problem with Retry-After.
 *
 * The counters live in this process: with several gateway replicas, pass
 * @fastify/rate-limit's Redis store (`redis` option) so they share one count.
 */
export async function registerRateLimit(app: NestFastifyApplication, options: { perMinute: number; verifier: TokenVerifier }): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: 60_000,
    // Reads skip the limiter entirely; the key is computed first, so keep it cheap for them.
    allowList: (request) => !isMutating(request),
    keyGenerator: async (request) => {
      if (!isMutating(request)) return '';
      const auth = await authenticationOf(request, options.verifier);
      return auth.kind === 'user' ? `user:${auth.userId}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      Object.assign(new ProblemError(problem(429, `Too many requests; retry in ${context.after}.`)), { statusCode: 429 }),
  });
}
