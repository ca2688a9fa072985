import { join } from 'node:path';
import { addressVariable } from '@bazaar/service-catalog';
import type { ServiceSpec } from './service-spec.js';

/** The same services with every port moved by `offset`. */
export function withPortOffset<T extends ServiceSpec>(specs: readonly T[], offset: number): T[] {
  if (offset === 0) return [...specs];
  return specs.map((spec) => ({ ...spec, ports: spec.ports.map((p) => ({ ...p, port: p.port + offset })) }));
}

/**
 * Points each service at the services it calls: `<CALLEE>_ADDRESS` =
 * localhost and the callee's gRPC port (after any offset). Values already in
 * `embeddedEnv` are kept.
 */
export function withCalleeAddresses<T extends ServiceSpec>(specs: readonly T[]): T[] {
  const grpcPort = new Map(specs.map((s) => [s.name, s.ports.find((p) => p.protocol === 'grpc')?.port]));
  return specs.map((spec) => {
    const addresses: Record<string, string> = {};
    for (const callee of spec.calls ?? []) {
      const port = grpcPort.get(callee);
      if (port !== undefined) addresses[addressVariable(callee)] = `localhost:${port}`;
    }
    return { ...spec, embeddedEnv: { ...addresses, ...spec.embeddedEnv } };
  });
}

/** Gives each service its own data folder under `root` (DATA_DIR), unless it already names one. */
export function withDataDirs<T extends ServiceSpec>(specs: readonly T[], root: string | undefined): T[] {
  if (!root) return [...specs];
  return specs.map((spec) => ({ ...spec, embeddedEnv: { DATA_DIR: join(root, spec.name), ...spec.embeddedEnv } }));
}
