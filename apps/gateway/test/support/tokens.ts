import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { mintDevToken } from '../../src/auth/dev-token.js';
import { testAuthDataDir } from './gateway.js';

/** A valid token for the test gateway (embedded mode, default issuer and audience). */
export function tokenFor(userId: string, ttlSeconds = 600, scopes: string[] = []): Promise<string> {
  return mintDevToken({ dataDir: testAuthDataDir, issuer: 'bazaar-local', audience: 'bazaar', userId, ttlSeconds, scopes });
}

/** A valid token with the analytics scope the test gateway requires (its default). */
export const analystToken = (userId = 'analyst'): Promise<string> => tokenFor(userId, 600, ['analytics:read']);

export interface ForeignClaims {
  sub?: string;
  iss?: string;
  aud?: string;
  /** Seconds since the epoch. */
  exp?: number;
}

/** A token signed with `key` (by default a fresh key the gateway has never seen). */
export async function signedToken(claims: ForeignClaims, options: { alg?: string; key?: CryptoKey | Uint8Array; kid?: string } = {}): Promise<string> {
  const alg = options.alg ?? 'ES256';
  const key = options.key ?? (await generateKeyPair(alg)).privateKey;
  const jwt = new SignJWT({}).setProtectedHeader({ alg, ...(options.kid ? { kid: options.kid } : {}) }).setIssuedAt();
  if (claims.sub) jwt.setSubject(claims.sub);
  jwt.setIssuer(claims.iss ?? 'bazaar-local').setAudience(claims.aud ?? 'bazaar');
  jwt.setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600);
  return jwt.sign(key);
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
