import { describe, expect, it } from '@jest/globals';
import { scopesOf } from './token-verifier.js';

describe('scopesOf', () => {
  it('reads the space-separated "scope" claim (RFC 9068, Cognito access tokens)', () => {
    expect([...scopesOf({ scope: 'openid  bazaar-api/analytics.read profile' })]).toEqual(['openid', 'bazaar-api/analytics.read', 'profile']);
  });

  it('reads an "scp" array (Okta, Entra ID) when there is no "scope"', () => {
    expect([...scopesOf({ scp: ['analytics:read', 42, 'cart'] })]).toEqual(['analytics:read', 'cart']);
  });

  it('grants nothing for a missing or oddly shaped claim', () => {
    expect(scopesOf({}).size).toBe(0);
    expect(scopesOf({ scope: ['analytics:read'] }).size).toBe(0);
    expect(scopesOf({ scp: 'analytics:read' }).size).toBe(0);
  });
});
