/**
 * Bazaar's service catalog: the one typed list of services. The launcher
 * (`npm start`) reads it today; the Kubernetes app (k8s/) reads it to render
 * Deployments, Services, NetworkPolicies and probes. Adding a service means
 * adding one entry here.
 */

export type ServiceName = 'gateway' | 'catalog';

export interface ServicePort {
  /** Port name as Kubernetes will see it (`grpc`, `http`, `admin`). */
  name: 'grpc' | 'http' | 'admin';
  port: number;
  protocol: 'grpc' | 'http';
  /** Environment variable that sets this port. */
  env: string;
}

export interface ServiceEntry {
  name: ServiceName;
  description: string;
  /** Workspace folder of the app, relative to the repository root. */
  path: string;
  /** What the service exposes; the first port is the primary one. */
  ports: readonly ServicePort[];
  /** Where readiness is probed: an HTTP path on the `admin` (or `http`) port. */
  readiness: { port: ServicePort['name']; path: string };
  /** Bazaar services this one calls (gRPC); used for start order and NetworkPolicies. */
  calls: readonly ServiceName[];
  /** Backing stores it owns. */
  datastores: readonly ('postgres' | 'redis')[];
  /**
   * Embedded-mode defaults (`npm start`): what the launcher sets beyond the
   * schema's own defaults, e.g. the address of a service this one calls.
   */
  embeddedEnv: Readonly<Record<string, string>>;
}

const catalog: ServiceEntry = {
  name: 'catalog',
  description: 'Products and search (gRPC), backed by PostgreSQL or embedded PGlite',
  path: 'apps/catalog',
  ports: [
    { name: 'grpc', port: 50051, protocol: 'grpc', env: 'GRPC_PORT' },
    { name: 'admin', port: 9101, protocol: 'http', env: 'ADMIN_PORT' },
  ],
  readiness: { port: 'admin', path: '/readyz' },
  calls: [],
  datastores: ['postgres'],
  embeddedEnv: {},
};

const gateway: ServiceEntry = {
  name: 'gateway',
  description: 'HTTP/REST edge (OpenAPI), translating to gRPC calls',
  path: 'apps/gateway',
  ports: [{ name: 'http', port: 8080, protocol: 'http', env: 'HTTP_PORT' }],
  readiness: { port: 'http', path: '/readyz' },
  calls: ['catalog'],
  datastores: [],
  embeddedEnv: { CATALOG_ADDRESS: 'localhost:50051' },
};

/** In start order: a service comes after every service it calls. */
export const services: readonly ServiceEntry[] = [catalog, gateway];

export function serviceByName(name: string): ServiceEntry {
  const entry = services.find((s) => s.name === name);
  if (!entry) throw new Error(`unknown service "${name}"; known: ${services.map((s) => s.name).join(', ')}`);
  return entry;
}
