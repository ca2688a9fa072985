import { mkdir, readFile, rm, writeFile, link } from 'node:fs/promises';
import { join } from 'node:path';
import { createPrivateKey, randomUUID } from 'node:crypto';
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

/**
 * The key pair from a PEM EC P-256 private key file (SEC1 or PKCS#8), e.g. one a Kubernetes Secret mounts
 * read-only: nothing is written. The kid is the key's JWK thumbprint, as for a generated pair.
 */
export async function localKeysFromPem(file: string): Promise<LocalKeys> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`AUTH_LOCAL_KEY_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  let jwk: JWK;
  try {
    jwk = await exportJWK(createPrivateKey({ key: pem, format: 'pem' }));
  } catch (error) {
    throw new Error(`AUTH_LOCAL_KEY_FILE: ${file} is not a PEM private key`, { cause: error });
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error(`AUTH_LOCAL_KEY_FILE: ${file} must hold an EC P-256 key (ES256), not ${jwk.kty} ${jwk.crv ?? ''}`.trim());
  const privateJwk: JWK = { ...jwk, alg: LOCAL_KEY_ALG, kid: await calculateJwkThumbprint(jwk) };
  return { privateJwk, jwks: { keys: [publicJwkOf(privateJwk)] } };
}

/** Embedded mode's keys: from AUTH_LOCAL_KEY_FILE when set, else generated once under AUTH_DATA_DIR. */
export function loadLocalKeys(config: { AUTH_DATA_DIR: string; AUTH_LOCAL_KEY_FILE?: string | undefined }): Promise<LocalKeys> {
  return config.AUTH_LOCAL_KEY_FILE ? localKeysFromPem(config.AUTH_LOCAL_KEY_FILE) : loadOrCreateLocalKeys(config.AUTH_DATA_DIR);
}
