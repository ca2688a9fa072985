import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalKeys } from './local-keys.js';

describe('loadOrCreateLocalKeys', () => {
  it('agrees on one key pair when several processes start at once, and keeps it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gateway-keys-'));
    const first = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateLocalKeys(dataDir)));
    expect(new Set(first.map((keys) => keys.privateJwk.kid)).size).toBe(1);
    expect((await loadOrCreateLocalKeys(dataDir)).privateJwk).toEqual(first[0]!.privateJwk);
    expect((await readdir(join(dataDir, 'jwks'))).sort()).toEqual(['jwks.json', 'private.jwk.json']);
  });
});
