import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevToken } from './dev-token.js';
import { loadLocalKeys, loadOrCreateLocalKeys, localKeysFromPem } from './local-keys.js';
import { createTokenVerifier } from './token-verifier.js';

describe('loadOrCreateLocalKeys', () => {
  it('agrees on one key pair when several processes start at once, and keeps it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gateway-keys-'));
    const first = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateLocalKeys(dataDir)));
    expect(new Set(first.map((keys) => keys.privateJwk.kid)).size).toBe(1);
    expect((await loadOrCreateLocalKeys(dataDir)).privateJwk).toEqual(first[0]!.privateJwk);
    expect((await readdir(join(dataDir, 'jwks'))).sort()).toEqual(['jwks.json', 'private.jwk.json']);
  });
});

describe('localKeysFromPem (AUTH_LOCAL_KEY_FILE, a key a Kubernetes Secret mounts)', () => {
  const keyFile = async (pem: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'gateway-pem-'));
    const file = join(dir, 'private.pem');
    await writeFile(file, pem, { mode: 0o400 });
    return { dir, file };
  };

  it('signs dev tokens the gateway accepts, from a SEC1 EC P-256 key as Helm genPrivateKey "ecdsa" writes it, writing nothing', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { dir, file } = await keyFile(privateKey.export({ type: 'sec1', format: 'pem' }).toString());
    const config = { AUTH_DATA_DIR: join(dir, 'unused'), AUTH_LOCAL_KEY_FILE: file, AUTH_ISSUER: 'bazaar-local', AUTH_AUDIENCE: 'bazaar', AUTH_CLOCK_TOLERANCE_S: 0, AUTH_JWKS_URL: undefined };
    const keys = await loadLocalKeys(config);
    expect(keys.privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(keys.jwks.keys[0]).not.toHaveProperty('d');
    // the same key file gives the same kid in every replica
    expect((await localKeysFromPem(file)).privateJwk.kid).toBe(keys.privateJwk.kid);

    const token = await mintDevToken({ dataDir: config.AUTH_DATA_DIR, localKeyFile: file, issuer: 'bazaar-local', audience: 'bazaar', userId: 'alice', ttlSeconds: 60 });
    const verifier = await createTokenVerifier(config);
    expect((await verifier.verify(token)).userId).toBe('alice');
    expect(await readdir(dir)).toEqual(['private.pem']);
  });

  it('reads a PKCS#8 key too', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { file } = await keyFile(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect((await localKeysFromPem(file)).privateJwk.crv).toBe('P-256');
  });

  it('says what is wrong with a missing file, a non-key and a key of another kind', async () => {
    await expect(localKeysFromPem('/nonexistent/private.pem')).rejects.toThrow('AUTH_LOCAL_KEY_FILE: cannot read /nonexistent/private.pem (ENOENT)');
    const garbage = await keyFile('not a key');
    await expect(localKeysFromPem(garbage.file)).rejects.toThrow(/is not a PEM private key/);
    const rsa = await keyFile(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await expect(localKeysFromPem(rsa.file)).rejects.toThrow(/must hold an EC P-256 key \(ES256\), not RSA/);
  });
});
