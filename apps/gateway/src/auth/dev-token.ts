import { parseArgs } from 'node:util';
import { importJWK, SignJWT } from 'jose';
import { loadConfig, ConfigError } from '@bazaar/config';
import { gatewayConfigSchema, SCOPE_TOKEN } from '../config.js';
import { LOCAL_KEY_ALG, loadLocalKeys } from './local-keys.js';

export const DEFAULT_TTL_SECONDS = 3_600;
const MAX_TTL_SECONDS = 30 * 24 * 3_600;
const USER_ID = /^[A-Za-z0-9._:@|+-]{1,128}$/;

export interface DevTokenRequest {
  dataDir: string;
  /** A PEM key file to sign with instead of the pair under dataDir (AUTH_LOCAL_KEY_FILE). */
  localKeyFile?: string | undefined;
  issuer: string;
  audience: string;
  userId: string;
  ttlSeconds: number;
  /** OAuth 2.0 scopes granted (the `scope` claim); none by default, as for a shopper. */
  scopes?: readonly string[];
}

/** A token signed with the embedded-mode key, as the gateway in embedded mode accepts it. */
export async function mintDevToken(request: DevTokenRequest): Promise<string> {
  const { privateJwk } = await loadLocalKeys({ AUTH_DATA_DIR: request.dataDir, AUTH_LOCAL_KEY_FILE: request.localKeyFile });
  const key = await importJWK(privateJwk, LOCAL_KEY_ALG);
  const scopes = request.scopes ?? [];
  return new SignJWT(scopes.length > 0 ? { scope: scopes.join(' ') } : {})
    .setProtectedHeader({ alg: LOCAL_KEY_ALG, kid: privateJwk.kid, typ: 'JWT' })
    .setSubject(request.userId)
    .setIssuer(request.issuer)
    .setAudience(request.audience)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds}s`)
    .sign(key);
}

const USAGE = 'usage: node apps/gateway/dist/tools/mint-dev-token.js --user <id> [--ttl <seconds>] [--scope <scope>]...';

export interface CliResult {
  exitCode: number;
  /** The token (exit 0) or an error message (otherwise). */
  output: string;
}

/**
 * `mint-dev-token --user alice [--ttl 3600] [--scope analytics:read]`: prints a bearer token for the
 * gateway in embedded mode, reading the same AUTH_* variables as the
 * gateway. Refuses when AUTH_JWKS_URL is set: tokens then come from the
 * real identity provider.
 */
export async function mintDevTokenCli(argv: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  let values: { user?: string; ttl?: string; scope?: string[]; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { user: { type: 'string' }, ttl: { type: 'string' }, scope: { type: 'string', multiple: true }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    return { exitCode: 2, output: `${(error as Error).message}\n${USAGE}` };
  }
  if (values.help) return { exitCode: 0, output: USAGE };
  if (!values.user || !USER_ID.test(values.user)) return { exitCode: 2, output: `--user must be 1-128 characters A-Z a-z 0-9 . _ : @ | + -\n${USAGE}` };
  const ttlSeconds = values.ttl === undefined ? DEFAULT_TTL_SECONDS : Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
    return { exitCode: 2, output: `--ttl must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}\n${USAGE}` };
  }

  const scopes = values.scope ?? [];
  if (!scopes.every((scope) => SCOPE_TOKEN.test(scope))) {
    return { exitCode: 2, output: `--scope takes one scope (printable ASCII, no spaces or quotes); repeat it for more\n${USAGE}` };
  }

  let config;
  try {
    config = loadConfig('gateway', gatewayConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return { exitCode: 2, output: error.message };
    throw error;
  }
  if (config.AUTH_JWKS_URL) {
    return { exitCode: 1, output: 'AUTH_JWKS_URL is set: the gateway trusts an external issuer, so a local dev token would be refused. Get a token from that issuer.' };
  }
  const token = await mintDevToken({
    dataDir: config.AUTH_DATA_DIR,
    localKeyFile: config.AUTH_LOCAL_KEY_FILE,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    userId: values.user,
    ttlSeconds,
    scopes,
  });
  return { exitCode: 0, output: token };
}
