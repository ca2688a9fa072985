import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, problem } from '../errors/problem.js';
import { authenticationOf } from './authentication.js';
import { TOKEN_VERIFIER } from './bearer-auth.guard.js';
import type { TokenVerifier } from './token-verifier.js';

/** What a group of routes is for → the OAuth 2.0 scope a token needs for it (names come from config). */
export interface ScopePolicy {
  analytics: string;
}

export const SCOPE_POLICY = Symbol('SCOPE_POLICY');
const REQUIRED_ACCESS = 'bazaar:required-access';

/** Routes (or a controller) that need, besides a valid token, the scope the policy names for `access`. */
export const RequireScope = (access: keyof ScopePolicy) => SetMetadata(REQUIRED_ACCESS, access);

/**
 * Runs after BearerAuthGuard: a valid token without the scope is 403 with an RFC 6750 §3.1
 * `insufficient_scope` challenge naming the scope, so a client knows what to ask its issuer for.
 */
@Injectable()
export class ScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(SCOPE_POLICY) private readonly policy: ScopePolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<keyof ScopePolicy | undefined>(REQUIRED_ACCESS, [context.getHandler(), context.getClass()]);
    if (!access) return true;
    const scope = this.policy[access];
    const auth = await authenticationOf(context.switchToHttp().getRequest<FastifyRequest>(), this.verifier);
    if (auth.kind === 'user' && auth.scopes.has(scope)) return true;
    context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('www-authenticate', `Bearer realm="bazaar", error="insufficient_scope", scope="${scope}"`);
    throw new ProblemError(problem(403, `This endpoint needs an access token with the "${scope}" scope.`));
  }
}
