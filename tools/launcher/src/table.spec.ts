import { describe, expect, it } from '@jest/globals';
import { serviceByName, services } from '@bazaar/service-catalog';
import { formatPorts, renderTable, tryItHint } from './table.js';

describe('status table', () => {
  it('lists ports by name', () => {
    expect(formatPorts(serviceByName('catalog'))).toBe('grpc :50051, admin :9101');
  });

  it('aligns columns and shows a pid only for ready services', () => {
    const rows = renderTable([
      { spec: serviceByName('catalog'), status: 'ready', pid: 4242 },
      { spec: serviceByName('gateway'), status: 'failed', pid: 4243 },
    ]);
    expect(rows).toEqual([
      'service  ports                     status  pid',
      'catalog  grpc :50051, admin :9101  ready   4242',
      'gateway  http :8080                failed  -',
    ]);
  });

  it('points at the gateway when it runs, and says nothing otherwise', () => {
    expect(tryItHint(services).join('\n')).toContain('curl localhost:8080/api/products');
    expect(tryItHint(services).join('\n')).toContain('http://localhost:8080/docs');
    expect(tryItHint([serviceByName('catalog')])).toEqual([]);
  });
});
