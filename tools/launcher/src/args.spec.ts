import { describe, expect, it } from '@jest/globals';
import { services } from '@bazaar/service-catalog';
import { missingCallees, parseLauncherArgs, selectServices, UsageError } from './args.js';

describe('parseLauncherArgs', () => {
  it('defaults to every service, streaming logs, 60 s readiness, 10 s grace', () => {
    expect(parseLauncherArgs([], {})).toEqual({ only: undefined, quiet: false, readyTimeoutMs: 60_000, graceMs: 10_000, portOffset: 0, dataDir: undefined, help: false });
  });

  it('reads flags', () => {
    const args = parseLauncherArgs(['--only', 'gateway, catalog', '--quiet', '--ready-timeout=90', '--grace', '2.5', '--port-offset', '1000'], {});
    expect(args).toEqual({ only: ['gateway', 'catalog'], quiet: true, readyTimeoutMs: 90_000, graceMs: 2_500, portOffset: 1000, dataDir: undefined, help: false });
  });

  it('reads LAUNCHER_* variables, flags winning', () => {
    const env = { LAUNCHER_QUIET: '1', LAUNCHER_READY_TIMEOUT: '5', LAUNCHER_GRACE: '3' };
    expect(parseLauncherArgs([], env)).toMatchObject({ quiet: true, readyTimeoutMs: 5_000, graceMs: 3_000 });
    expect(parseLauncherArgs(['--ready-timeout', '7'], env).readyTimeoutMs).toBe(7_000);
    expect(parseLauncherArgs([], { LAUNCHER_QUIET: '0' }).quiet).toBe(false);
  });

  it('rejects unknown flags, bad numbers and an empty --only', () => {
    expect(() => parseLauncherArgs(['--nope'], {})).toThrow(UsageError);
    expect(() => parseLauncherArgs(['--ready-timeout', 'soon'], {})).toThrow(/--ready-timeout must be a positive number of seconds, got "soon"/);
    expect(() => parseLauncherArgs(['--grace=-1'], {})).toThrow(/--grace must be a positive number/);
    expect(() => parseLauncherArgs(['--only', ' , '], {})).toThrow(/--only needs at least one service name/);
    expect(() => parseLauncherArgs(['--port-offset', '20000'], {})).toThrow(/--port-offset must be an integer from 0 to 15000/);
    expect(parseLauncherArgs([], { LAUNCHER_PORT_OFFSET: '5' }).portOffset).toBe(5);
  });
});

describe('selectServices', () => {
  it('keeps catalog order whatever order --only names them in', () => {
    expect(selectServices(services, ['gateway', 'catalog']).map((s) => s.name)).toEqual(['catalog', 'gateway']);
    expect(selectServices(services, undefined)).toEqual(services);
  });

  it('names unknown services and lists the known ones', () => {
    expect(() => selectServices(services, ['catalog', 'payments2', 'carts'])).toThrow(
      new UsageError('--only: unknown services "payments2", "carts"; known: catalog, inventory, payments, shipping, cart, orders, analytics, gateway'),
    );
  });

  it('warns when a selected service calls one left out', () => {
    expect(missingCallees(selectServices(services, ['cart']))).toEqual(['cart calls catalog, which is not started']);
    expect(missingCallees(selectServices(services, ['catalog', 'cart', 'orders', 'shipping', 'analytics', 'gateway']))).toEqual([]);
    expect(missingCallees(services)).toEqual([]);
  });
});
