import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { GatewayConfig } from '../config.js';
import { ProblemError, problem } from '../errors/problem.js';
import { loadLocalKeys } from './local-keys.js';

/** Only asymmetric algorithms: an HS256 token signed with a public key must never pass. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'];

/** A user id fit for gRPC metadata and logs: Cognito UUIDs, `auth0|…`, e-mail-like ids. */
const SANE_SUBJECT = /^[A-Za-z0-9._:@|+-]{1,128}$/;

export type AuthConfig = Pick<GatewayConfig, 'AUTH_JWKS_URL' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_CLOCK_TOLERANCE_S' | 'AUTH_DATA_DIR' | 'AUTH_LOCAL_KEY_FILE'>;

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

/** What a verified token says about its bearer. */
export interface VerifiedToken {
  /** The `sub` claim. */
  userId: string;
  /** OAuth 2.0 scopes granted: the `scope` claim (space-separated, RFC 9068) or an `scp` array. */
  scopes: ReadonlySet<string>;
}

export interface TokenVerifier {
  /** Throws InvalidTokenError for any token that does not verify. */
  verify(token: string): Promise<VerifiedToken>;
}

/** Scopes of a verified payload; a claim of an unexpected shape grants nothing. */
export function scopesOf(payload: JWTPayload): ReadonlySet<string> {
  if (typeof payload.scope === 'string') return new Set(payload.scope.split(' ').filter(Boolean));
  if (Array.isArray(payload.scp)) return new Set(payload.scp.filter((scope): scope is string => typeof scope === 'string'));
  return new Set();
}

export async function keySetFor(config: AuthConfig): Promise<JWTVerifyGetKey> {
  if (config.AUTH_JWKS_URL) return createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
  const { jwks } = await loadLocalKeys(config);
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
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet, options));
      } catch (error) {
        // The issuer's JWKS endpoint being down is our outage, not a bad token.
        if (remote && (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)) {
          throw new ProblemError(problem(503, 'The identity provider is unavailable; retry later.'), { cause: error });
        }
        // The caller only learns "expired" or "invalid": jose's messages are not passed on.
        throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid', { cause: error });
      }
      const { sub } = payload;
      if (typeof sub !== 'string' || !SANE_SUBJECT.test(sub)) throw new InvalidTokenError('invalid');
      return { userId: sub, scopes: scopesOf(payload) };
    },
  };
}
