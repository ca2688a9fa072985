import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, problem } from '../errors/problem.js';
import { authenticationOf, setAuthenticatedUser, type Authentication } from './authentication.js';
import type { TokenVerifier } from './token-verifier.js';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

const DETAIL: Record<Exclude<Authentication['kind'], 'user'> | 'malformed' | 'expired' | 'invalid', string> = {
  anonymous: 'This endpoint requires a bearer token (Authorization: Bearer <token>).',
  rejected: 'The access token is invalid.',
  malformed: 'The Authorization header is not "Bearer <token>".',
  expired: 'The access token has expired.',
  invalid: 'The access token is invalid.',
};

/** RFC 6750 §3 challenge; error_description is one of our fixed texts, never token content. */
function challenge(auth: Exclude<Authentication, { kind: 'user' }>): string {
  if (auth.kind === 'anonymous') return 'Bearer realm="bazaar"';
  const error = auth.reason === 'malformed' ? 'invalid_request' : 'invalid_token';
  return `Bearer realm="bazaar", error="${error}", error_description="${DETAIL[auth.reason]}"`;
}

/** Admits only requests with a verified bearer token; everything else is a 401 problem with a Bearer challenge. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(@Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const auth = await authenticationOf(request, this.verifier);
    if (auth.kind === 'user') {
      setAuthenticatedUser(request, auth.userId);
      return true;
    }
    context.switchToHttp().getResponse<FastifyReply>().header('www-authenticate', challenge(auth));
    throw new ProblemError(problem(401, DETAIL[auth.kind === 'anonymous' ? 'anonymous' : auth.reason]));
  }
}
