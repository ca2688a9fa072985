import type { KubernetesSpec, ServiceEntry, ServicePort } from '@bazaar/service-catalog';

/** A catalog entry resolved into what the Kubernetes objects need. */
export interface WorkloadSpec {
  entry: ServiceEntry;
  name: string;
  /** `grpc` when the service serves gRPC (probed natively), else `http`. */
  kind: 'grpc' | 'http';
  /** The port other services call (gRPC) or users reach (HTTP). */
  servingPort: ServicePort;
  /** The HTTP port serving /healthz, /readyz and /metrics. */
  healthPort: ServicePort;
  /** Services whose pods may call this one. */
  callers: string[];
  /** Services this one calls, with their serving port. */
  callees: { name: string; port: number }[];
  kubernetes: KubernetesSpec;
}

const DEFAULT_KUBERNETES: KubernetesSpec = {
  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '384Mi' } },
  replicas: { min: 2, max: 6 },
};

export function workloadSpec(entry: ServiceEntry, all: readonly ServiceEntry[]): WorkloadSpec {
  const grpc = entry.ports.find((p) => p.protocol === 'grpc');
  const http = entry.ports.find((p) => p.protocol === 'http');
  const healthPort = entry.ports.find((p) => p.name === entry.readiness.port) ?? http;
  if (!healthPort || healthPort.protocol !== 'http') {
    throw new Error(`service ${entry.name}: readiness port "${entry.readiness.port}" must be an HTTP port it has`);
  }
  const servingPort = grpc ?? http;
  if (!servingPort) throw new Error(`service ${entry.name} has no port`);
  return {
    entry,
    name: entry.name,
    kind: grpc ? 'grpc' : 'http',
    servingPort,
    healthPort,
    callers: all.filter((s) => s.calls.includes(entry.name)).map((s) => s.name),
    callees: entry.calls.map((name) => {
      const callee = all.find((s) => s.name === name);
      const port = callee?.ports.find((p) => p.protocol === 'grpc') ?? callee?.ports[0];
      if (!port) throw new Error(`service ${entry.name} calls unknown service ${name}`);
      return { name, port: port.port };
    }),
    kubernetes: entry.kubernetes ?? DEFAULT_KUBERNETES,
  };
}

/** Environment variable carrying a callee's address, e.g. CATALOG_ADDRESS (see apps/gateway/src/config.ts). */
export const addressVar = (service: string): string => `${service.toUpperCase().replace(/-/g, '_')}_ADDRESS`;
