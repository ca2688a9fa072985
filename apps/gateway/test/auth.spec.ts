import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, type CryptoKey, type JSONWebKeySet } from 'jose';
import { mintDevTokenCli } from '../src/auth/dev-token.js';
import { loadOrCreateLocalKeys, localKeyPaths } from '../src/auth/local-keys.js';
import { startCheckoutEnv, type CheckoutEnv } from './support/checkout-env.js';
import { SUNGLASSES } from './support/fake-catalog.js';
import { testAuthDataDir } from './support/gateway.js';
import { bearer, signedToken, tokenFor } from './support/tokens.js';

const PROBLEM_JSON = 'application/problem+json';
const now = () => Math.floor(Date.now() / 1000);

describe('gateway authentication (embedded mode, local key pair)', () => {
  let env: CheckoutEnv;

  beforeAll(async () => {
    env = await startCheckoutEnv();
  });
  afterAll(() => env?.stop());

  it('keeps catalog reads public', async () => {
    expect((await env.gateway.get('/api/products')).status).toBe(200);
    expect((await env.gateway.get(`/api/products/${SUNGLASSES.id}`)).status).toBe(200);
  });

  it('answers a request without a token with 401 problem+json and a Bearer challenge', async () => {
    const res = await env.gateway.get('/api/cart');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="bazaar"');
    expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/api/cart' });
    expect(env.cart.calls).toHaveLength(0);
  });

  it.each([
    ['a foreign key', () => signedToken({ sub: 'mallory' })],
    ['the wrong audience', () => tokenWithLocalKey({ aud: 'someone-else' })],
    ['the wrong issuer', () => tokenWithLocalKey({ iss: 'https://evil.example' })],
    ['no subject', () => tokenWithLocalKey({ sub: undefined })],
    ['a subject unfit for metadata', () => tokenWithLocalKey({ sub: 'alice\nx-user-id: bob' })],
    ['HS256 (a symmetric algorithm)', () => signedToken({ sub: 'mallory' }, { alg: 'HS256', key: new TextEncoder().encode('x'.repeat(32)) })],
    ['garbage', async () => 'not.a.jwt'],
  ])('rejects a token with %s: 401 invalid_token, token not echoed or logged', async (_what, makeToken) => {
    const token = await makeToken();
    const res = await env.gateway.get('/api/cart', bearer(token));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="bazaar", error="invalid_token"/);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: 401, detail: 'The access token is invalid.' });
    expect(text).not.toContain(token);
    expect(JSON.stringify(env.gateway.logs)).not.toContain(token);
    expect(env.cart.calls).toHaveLength(0);
  });

  it('says an expired token has expired (beyond the clock tolerance)', async () => {
    const res = await env.gateway.get('/api/cart', bearer(await tokenWithLocalKey({ exp: now() - 120 })));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await res.json()).toMatchObject({ detail: 'The access token has expired.' });
  });

  it('answers a non-Bearer Authorization header with 401 invalid_request', async () => {
    const res = await env.gateway.get('/api/cart', { authorization: 'Basic YWxpY2U6c2VjcmV0' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('admits a valid token and sends its subject to the services as x-user-id', async () => {
    const res = await env.gateway.get('/api/cart', { ...bearer(await tokenFor('alice')), 'x-request-id': 'auth-ok-1' });
    expect(res.status).toBe(200);
    const [call] = env.cart.calls.slice(-1);
    expect(call!.metadata.get('x-user-id')).toEqual(['alice']);
    expect(call!.metadata.get('x-request-id')).toEqual(['auth-ok-1']);
  });

  it('does not send x-user-id on public routes, even with a token', async () => {
    await env.gateway.get('/api/products', bearer(await tokenFor('alice')));
    expect(env.catalog.calls.at(-1)!.metadata.get('x-user-id')).toEqual([]);
  });

  it('keeps the generated key pair private to its owner, and publishes only the public half', async () => {
    const paths = localKeyPaths(testAuthDataDir);
    expect((await stat(paths.privateKey)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.jwks)).mode & 0o777).toBe(0o600);
    const jwks = JSON.parse(await readFile(paths.jwks, 'utf8')) as JSONWebKeySet;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('mint-dev-token prints a token that verifies against the local JWKS and that the gateway accepts', async () => {
    const { exitCode, output } = await mintDevTokenCli(['--user', 'carol', '--ttl', '120'], { AUTH_DATA_DIR: testAuthDataDir });
    expect(exitCode).toBe(0);
    const jwks = JSON.parse(await readFile(localKeyPaths(testAuthDataDir).jwks, 'utf8')) as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(output, createLocalJWKSet(jwks), { issuer: 'bazaar-local', audience: 'bazaar' });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.sub).toBe('carol');
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(payload).not.toHaveProperty('scope');
    expect((await env.gateway.get('/api/cart', bearer(output))).status).toBe(200);
  });

  it('mint-dev-token grants the scopes asked for with --scope, as one space-separated claim', async () => {
    const { exitCode, output } = await mintDevTokenCli(['--user', 'olga', '--scope', 'analytics:read', '--scope', 'openid'], { AUTH_DATA_DIR: testAuthDataDir });
    expect(exitCode).toBe(0);
    const jwks = JSON.parse(await readFile(localKeyPaths(testAuthDataDir).jwks, 'utf8')) as JSONWebKeySet;
    const { payload } = await jwtVerify(output, createLocalJWKSet(jwks), { issuer: 'bazaar-local', audience: 'bazaar' });
    expect(payload['scope']).toBe('analytics:read openid');
  });

  it('mint-dev-token rejects bad arguments', async () => {
    expect((await mintDevTokenCli([], { AUTH_DATA_DIR: testAuthDataDir })).exitCode).toBe(2);
    expect((await mintDevTokenCli(['--user', 'a b'], { AUTH_DATA_DIR: testAuthDataDir })).exitCode).toBe(2);
    expect((await mintDevTokenCli(['--user', 'a', '--ttl', '0'], { AUTH_DATA_DIR: testAuthDataDir })).exitCode).toBe(2);
    expect((await mintDevTokenCli(['--user', 'a', '--bogus'], { AUTH_DATA_DIR: testAuthDataDir })).exitCode).toBe(2);
    const spaced = await mintDevTokenCli(['--user', 'a', '--scope', 'analytics:read openid'], { AUTH_DATA_DIR: testAuthDataDir });
    expect(spaced).toMatchObject({ exitCode: 2, output: expect.stringContaining('--scope takes one scope') });
  });
});

/** A token signed with the test gateway's own local key, with claims overridden. */
async function tokenWithLocalKey(claims: { sub?: string | undefined; iss?: string; aud?: string; exp?: number }): Promise<string> {
  const { privateJwk } = await loadOrCreateLocalKeys(testAuthDataDir);
  const key = await importJWK(privateJwk, 'ES256');
  return signedToken({ sub: 'sub' in claims ? claims.sub : 'alice', ...claims }, { key: key as CryptoKey, kid: privateJwk.kid });
}

describe('gateway authentication against a JWKS URL (production mode)', () => {
  let jwksServer: Server;
  let env: CheckoutEnv;
  let privateKey: CryptoKey;
  let jwksUrl: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' }] };
    jwksServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
    env = await startCheckoutEnv({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'bazaar-web', LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await env?.stop();
    jwksServer?.close();
  });

  it('accepts an RS256 token of the configured issuer and audience', async () => {
    const token = await signedToken({ sub: 'dave', iss: 'https://idp.example', aud: 'bazaar-web' }, { alg: 'RS256', key: privateKey, kid: 'rsa-1' });
    const res = await env.gateway.get('/api/cart', bearer(token));
    expect(res.status).toBe(200);
    expect(env.cart.calls.at(-1)!.metadata.get('x-user-id')).toEqual(['dave']);
  });

  it('refuses locally minted dev tokens', async () => {
    expect((await env.gateway.get('/api/cart', bearer(await tokenFor('alice')))).status).toBe(401);
  });

  it('mint-dev-token refuses to run when AUTH_JWKS_URL is set', async () => {
    const result = await mintDevTokenCli(['--user', 'alice'], { AUTH_JWKS_URL: jwksUrl, AUTH_DATA_DIR: testAuthDataDir });
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('AUTH_JWKS_URL');
  });
});
