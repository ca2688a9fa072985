import { describe, expect, it } from '@jest/globals';
import { ConfigError, envVars, loadConfig, z } from './index.js';

const schema = z.object({
  GRPC_PORT: envVars.port(50051),
  LOG_LEVEL: envVars.logLevel(),
  DATABASE_URL: envVars.postgresUrl(),
  DB_PASSWORD: z.string().min(8).optional().describe('at least 8 characters'),
  TRACE: envVars.flag(false, 'tracing'),
});

describe('loadConfig', () => {
  it('applies defaults and coerces types', () => {
    const cfg = loadConfig('svc', schema, {});
    expect(cfg).toEqual({ GRPC_PORT: 50051, LOG_LEVEL: 'info', DATABASE_URL: undefined, DB_PASSWORD: undefined, TRACE: false });
    expect(loadConfig('svc', schema, { GRPC_PORT: '6000', TRACE: '1' })).toMatchObject({ GRPC_PORT: 6000, TRACE: true });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig('svc', schema, { GRPC_PORT: '' }).GRPC_PORT).toBe(50051);
  });

  it('names every bad variable and what it expects', () => {
    let error: unknown;
    try {
      loadConfig('catalog', schema, { GRPC_PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { issues, message } = error as ConfigError;
    expect(issues.map((i) => i.variable).sort()).toEqual(['DATABASE_URL', 'GRPC_PORT', 'LOG_LEVEL']);
    expect(message).toContain('Invalid configuration for catalog');
    expect(message).toContain('GRPC_PORT: expected a TCP port number');
    expect(message).toContain('got "abc"');
    expect(message).toContain('LOG_LEVEL: expected one of fatal, error');
  });

  it('never echoes secrets', () => {
    expect(() => loadConfig('svc', schema, { DB_PASSWORD: 'short' })).toThrow(/DB_PASSWORD: expected at least 8 characters, got "<redacted>"/);
    try {
      loadConfig('svc', schema, { DATABASE_URL: 'mysql://user:hunter2@db/x' });
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
  });
});
