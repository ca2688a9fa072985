import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@bazaar/config';
import { gatewayConfigSchema } from './config.js';

describe('gateway config', () => {
  it('requires the analytics scope "analytics:read" by default and takes an issuer\'s own scope name', () => {
    expect(loadConfig('gateway', gatewayConfigSchema, {}).AUTH_ANALYTICS_SCOPE).toBe('analytics:read');
    expect(loadConfig('gateway', gatewayConfigSchema, { AUTH_ANALYTICS_SCOPE: 'bazaar-api/analytics.read' }).AUTH_ANALYTICS_SCOPE).toBe('bazaar-api/analytics.read');
  });

  it.each(['two scopes', 'quo"te', 'back\\slash', 'é'])('refuses AUTH_ANALYTICS_SCOPE=%j, naming the variable', (value) => {
    expect(() => loadConfig('gateway', gatewayConfigSchema, { AUTH_ANALYTICS_SCOPE: value })).toThrow(ConfigError);
    expect(() => loadConfig('gateway', gatewayConfigSchema, { AUTH_ANALYTICS_SCOPE: value })).toThrow(/AUTH_ANALYTICS_SCOPE/);
  });
});
