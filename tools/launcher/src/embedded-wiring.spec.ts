import { describe, expect, it } from '@jest/globals';
import { withCalleeAddresses, withDataDirs, withPortOffset } from './embedded-wiring.js';
import type { ServiceSpec } from './service-spec.js';

const specs: ServiceSpec[] = [
  {
    name: 'catalog',
    path: 'apps/catalog',
    ports: [
      { name: 'grpc', port: 50051, protocol: 'grpc', env: 'GRPC_PORT' },
      { name: 'admin', port: 9101, protocol: 'http', env: 'ADMIN_PORT' },
    ],
    readiness: { port: 'admin', path: '/readyz' },
    embeddedEnv: {},
    calls: [],
  },
  {
    name: 'gateway',
    path: 'apps/gateway',
    ports: [{ name: 'http', port: 8080, protocol: 'http', env: 'HTTP_PORT' }],
    readiness: { port: 'http', path: '/readyz' },
    embeddedEnv: { LOG_LEVEL: 'debug' },
    calls: ['catalog'],
  },
];

describe('embedded wiring', () => {
  it('moves every port by the offset', () => {
    const moved = withPortOffset(specs, 1000);
    expect(moved.flatMap((s) => s.ports.map((p) => p.port))).toEqual([51051, 10101, 9080]);
    expect(specs[0]!.ports[0]!.port).toBe(50051);
  });

  it('gives callers the gRPC address of each callee, after the offset', () => {
    const [, gateway] = withCalleeAddresses(withPortOffset(specs, 7));
    expect(gateway!.embeddedEnv).toEqual({ CATALOG_ADDRESS: 'localhost:50058', LOG_LEVEL: 'debug' });
  });

  it('gives each service its own data folder when asked', () => {
    expect(withDataDirs(specs, undefined)).toEqual(specs);
    const [catalog] = withDataDirs(specs, '/tmp/run');
    expect(catalog!.embeddedEnv).toEqual({ DATA_DIR: '/tmp/run/catalog' });
  });
});
