import { mkdir, readFile, rm, writeFile, link } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';

/** The algorithm of the embedded-mode key pair. */
export const LOCAL_KEY_ALG = 'ES256';

export interface LocalKeys {
  /** The private signing key as a JWK (with kid and alg). Never log it. */
  privateJwk: JWK;
  /** The public half, as served by a JWKS endpoint. */
  jwks: JSONWebKeySet;
}

export function localKeyPaths(dataDir: string): { dir: string; privateKey: string; jwks: string } {
  const dir = join(dataDir, 'jwks');
  return { dir, privateKey: join(dir, 'private.jwk.json'), jwks: join(dir, 'jwks.json') };
}

function publicJwkOf(privateJwk: JWK): JWK {
  const { kty, crv, x, y, kid, alg } = privateJwk;
  return { kty, crv, x, y, kid, alg, use: 'sig' };
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function isAlreadyThere(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EEXIST';
}

async function readPrivateJwk(path: string): Promise<JWK | undefined> {
  try {
    const jwk = JSON.parse(await readFile(path, 'utf8')) as JWK;
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y) {
      throw new Error(`${path} is not an ES256 private JWK; delete it to generate a new key pair`);
    }
    return jwk;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(LOCAL_KEY_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: LOCAL_KEY_ALG, kid: await calculateJwkThumbprint(jwk) };
}

/**
 * The embedded-mode key pair in `<dataDir>/jwks/`, generated on first use.
 * The private key is published with a hard link from a temporary file, so
 * concurrent first starts (gateway and mint-dev-token) agree on one key and
 * never read a half-written file.
 */
export async function loadOrCreateLocalKeys(dataDir: string): Promise<LocalKeys> {
  const paths = localKeyPaths(dataDir);
  let privateJwk = await readPrivateJwk(paths.privateKey);
  if (!privateJwk) {
    await mkdir(paths.dir, { recursive: true, mode: 0o700 });
    const candidate = await generatePrivateJwk();
    const temporary = `${paths.privateKey}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(candidate, null, 2), { mode: 0o600, flag: 'wx' });
    try {
      await link(temporary, paths.privateKey);
    } catch (error) {
      if (!isAlreadyThere(error)) throw error;
    } finally {
      await rm(temporary, { force: true });
    }
    privateJwk = await readPrivateJwk(paths.privateKey);
    if (!privateJwk) throw new Error(`could not create ${paths.privateKey}`);
  }
  const jwks: JSONWebKeySet = { keys: [publicJwkOf(privateJwk)] };
  await writeFile(paths.jwks, JSON.stringify(jwks, null, 2), { mode: 0o600 });
  return { privateJwk, jwks };
}
