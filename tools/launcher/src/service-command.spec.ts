import { describe, expect, it } from '@jest/globals';
import { serviceByName, services } from '@bazaar/service-catalog';
import { withCalleeAddresses } from './embedded-wiring.js';
import { buildServiceCommand } from './service-command.js';

describe('buildServiceCommand', () => {
  const gateway = withCalleeAddresses(services).find((s) => s.name === 'gateway')!;

  it('runs dist/main.js from the repository root with source maps, the telemetry preload and the kafkajs negative-timeout warning off', () => {
    const command = buildServiceCommand(gateway, { repoRoot: '/repo', baseEnv: {}, execPath: '/usr/bin/node24' });
    expect(command).toMatchObject({
      command: '/usr/bin/node24',
      args: ['--enable-source-maps', '--disable-warning=TimeoutNegativeWarning', '--import', '@bazaar/observability/register', '/repo/apps/gateway/dist/main.js'],
      cwd: '/repo',
    });
  });

  it('uses the launcher’s own Node by default', () => {
    expect(buildServiceCommand(gateway, { repoRoot: '/repo', baseEnv: {} }).command).toBe(process.execPath);
  });

  it('layers the environment: embedded defaults < user < catalog ports and service name', () => {
    const { env } = buildServiceCommand(gateway, { repoRoot: '/repo', baseEnv: { PATH: '/bin', HTTP_PORT: '1234', OTEL_SERVICE_NAME: 'x' } });
    expect(env).toEqual({
      PATH: '/bin',
      CATALOG_ADDRESS: 'localhost:50051',
      CART_ADDRESS: 'localhost:50052',
      ORDERS_ADDRESS: 'localhost:50053',
      SHIPPING_ADDRESS: 'localhost:50056',
      ANALYTICS_ADDRESS: 'localhost:50057',
      HTTP_PORT: '8080',
      OTEL_SERVICE_NAME: 'gateway',
    });

    const custom = buildServiceCommand(gateway, { repoRoot: '/repo', baseEnv: { CATALOG_ADDRESS: 'elsewhere:1' } });
    expect(custom.env['CATALOG_ADDRESS']).toBe('elsewhere:1');
  });

  it('sets every port of a service', () => {
    const { env } = buildServiceCommand(serviceByName('catalog'), { repoRoot: '/repo', baseEnv: {} });
    expect(env).toMatchObject({ GRPC_PORT: '50051', ADMIN_PORT: '9101', OTEL_SERVICE_NAME: 'catalog' });
  });
});
