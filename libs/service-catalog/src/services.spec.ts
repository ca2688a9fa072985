import { describe, expect, it } from '@jest/globals';
import { addressVariable, serviceByName, services } from './index.js';

describe('service catalog', () => {
  it('lists every service once, with unique ports', () => {
    const names = services.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    const ports = services.flatMap((s) => s.ports.map((p) => p.port));
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('orders services after everything they call, and calls only known services', () => {
    services.forEach((s, i) => {
      for (const callee of s.calls) {
        const at = services.findIndex((o) => o.name === callee);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(at).toBeLessThan(i);
      }
    });
  });

  it('probes readiness on a port the service has', () => {
    for (const s of services) expect(s.ports.map((p) => p.name)).toContain(s.readiness.port);
  });

  it('sizes Kubernetes pods sanely: requests within limits, at least 2 replicas so a PDB never blocks a drain', () => {
    const mebibytes = (q: string) => Number(q.replace(/Mi$/, ''));
    for (const s of services) {
      const k = s.kubernetes;
      if (!k) continue;
      expect(mebibytes(k.resources.requests.memory)).toBeLessThanOrEqual(mebibytes(k.resources.limits.memory));
      expect(k.replicas.min).toBeGreaterThanOrEqual(2);
      expect(k.replicas.max).toBeGreaterThanOrEqual(k.replicas.min);
    }
  });

  it('rejects unknown names clearly', () => {
    expect(() => serviceByName('nope')).toThrow(/unknown service "nope"; known: catalog, inventory, payments, shipping, cart, orders, analytics, gateway/);
  });

  it('has analytics consume Kafka into its own Postgres, called by the gateway, ', () => {
    const analytics = serviceByName('analytics');
    expect(analytics.ports.map((p) => p.port)).toEqual([50057, 9107]);
    expect(analytics.datastores).toEqual(['postgres']);
    expect(analytics.kubernetes?.kafka).toBe(true);
    expect(serviceByName('gateway').calls).toContain('analytics');
  });

  it('names the address variable a caller reads for each callee', () => {
    expect(addressVariable('catalog')).toBe('CATALOG_ADDRESS');
    for (const s of services) {
      for (const callee of s.calls) expect(serviceByName(callee).ports.some((p) => p.protocol === 'grpc')).toBe(true);
    }
  });
});
