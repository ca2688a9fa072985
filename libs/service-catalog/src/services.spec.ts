import { describe, expect, it } from '@jest/globals';
import { serviceByName, services } from './index.js';

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

  it('rejects unknown names clearly', () => {
    expect(() => serviceByName('nope')).toThrow(/unknown service "nope"; known: catalog, gateway/);
  });
});
