import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { GatewayConfig } from '../config.js';
import { ProblemError, problem } from '../errors/problem.js';
import { loadOrCreateLocalKeys } from './local-keys.js';

/** Only asymmetric algorithms: an HS256 token signed with a public key must never pass. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'];

/** A user id fit for gRPC metadata and logs: Cognito UUIDs, `auth0|…`, e-mail-like ids. */
const SANE_SUBJECT = /^[A-Za-z0-9._:@|+-]{1,128}$/;

export type AuthConfig = Pick<GatewayConfig, 'AUTH_JWKS_URL' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_CLOCK_TOLERANCE_S' | 'AUTH_DATA_DIR'>;

/** Why a token was refused; safe to show to the caller (no token or key material in it). */
export class InvalidTokenError extends Error {
  constructor(
    readonly reason: 'expired' | 'invalid',
    options?: ErrorOptions,
  ) {
    super(reason === 'expired' ? 'The access token has expired.' : 'The access token is invalid.', options);
    this.name = 'InvalidTokenError';
  }
}

export interface TokenVerifier {
  /** The verified user id (`sub`); throws InvalidTokenError for any token that does not verify. */
  verify(token: string): Promise<string>;
}

export async function keySetFor(config: AuthConfig): Promise<JWTVerifyGetKey> {
  if (config.AUTH_JWKS_URL) return createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
  const { jwks } = await loadOrCreateLocalKeys(config.AUTH_DATA_DIR);
  return createLocalJWKSet(jwks);
}

export async function createTokenVerifier(config: AuthConfig): Promise<TokenVerifier> {
  const keySet = await keySetFor(config);
  const remote = Boolean(config.AUTH_JWKS_URL);
  const options = {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    algorithms: ACCEPTED_ALGORITHMS,
    clockTolerance: config.AUTH_CLOCK_TOLERANCE_S,
    requiredClaims: ['sub', 'exp'],
  };
  return {
    async verify(token) {
      let sub: unknown;
      try {
        ({ payload: { sub } } = await jwtVerify(token, keySet, options));
      } catch (error) {
        // The issuer's JWKS endpoint being down is our outage, not a bad token.
        if (remote && (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)) {
          throw new ProblemError(problem(503, 'The identity provider is unavailable; retry later.'), { cause: error });
        }
        // The caller only learns "expired" or "invalid": jose's messages are not passed on.
        throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid', { cause: error });
      }
      if (typeof sub !== 'string' || !SANE_SUBJECT.test(sub)) throw new InvalidTokenError('invalid');
      return sub;
    },
  };
}
