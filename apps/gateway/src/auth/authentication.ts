import type { FastifyRequest } from 'fastify';
import { InvalidTokenError, type TokenVerifier, type VerifiedToken } from './token-verifier.js';

export type Authentication =
  | { kind: 'anonymous' }
  | ({ kind: 'user' } & VerifiedToken)
  | { kind: 'rejected'; reason: 'malformed' | 'expired' | 'invalid' };

/** RFC 6750 b64token, bounded: anything else is not worth a signature check. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const MAX_TOKEN_LENGTH = 8_192;

const results = new WeakMap<FastifyRequest, Promise<Authentication>>();

async function authenticate(request: FastifyRequest, verifier: TokenVerifier): Promise<Authentication> {
  const header = request.headers.authorization;
  if (header === undefined) return { kind: 'anonymous' };
  const match = BEARER.exec(header);
  const token = match?.[1];
  if (!token || token.length > MAX_TOKEN_LENGTH) return { kind: 'rejected', reason: 'malformed' };
  try {
    return { kind: 'user', ...(await verifier.verify(token)) };
  } catch (error) {
    if (error instanceof InvalidTokenError) return { kind: 'rejected', reason: error.reason };
    throw error;
  }
}

/**
 * Who sent the request, checked at most once per request: the rate limiter
 * (which runs first) and the auth guard both ask.
 */
export function authenticationOf(request: FastifyRequest, verifier: TokenVerifier): Promise<Authentication> {
  let result = results.get(request);
  if (!result) {
    result = authenticate(request, verifier);
    results.set(request, result);
  }
  return result;
}

const authenticatedUsers = new WeakMap<FastifyRequest, string>();

/** Marks the request as made by `userId` once the guard admitted it; read when calling services. */
export function setAuthenticatedUser(request: FastifyRequest, userId: string): void {
  authenticatedUsers.set(request, userId);
}

export function authenticatedUserOf(request: FastifyRequest): string | undefined {
  return authenticatedUsers.get(request);
}
