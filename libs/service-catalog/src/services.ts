/**
 * Bazaar's service catalog: the one typed list of services. The launcher
 * (`npm start`) reads it today; the Kubernetes app (k8s/) reads it to render
 * Deployments, Services, NetworkPolicies and probes. Adding a service means
 * adding one entry here.
 */

export type ServiceName = 'gateway' | 'catalog' | 'cart' | 'orders' | 'inventory' | 'payments' | 'shipping' | 'analytics';

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
   * schema's own defaults. Addresses of called services are not listed here:
   * a caller reads `<CALLEE>_ADDRESS` (see addressVariable) and the launcher
   * sets it from the callee's gRPC port.
   */
  embeddedEnv: Readonly<Record<string, string>>;
  /** How the service runs on Kubernetes (k8s/ fills in defaults when absent). */
  kubernetes?: KubernetesSpec;
}

/**
 * Kubernetes sizing and exposure. Memory is sized from measured RSS of the
 * built service (see docs/adr/0008-cdk8s-plus-version.md), CPU from its
 * start-up and per-request cost.
 */
export interface KubernetesSpec {
  resources: {
    requests: { cpu: string; memory: string };
    limits: { cpu: string; memory: string };
  };
  /** Autoscaling bounds; the minimum is also the replica count without autoscaling. */
  replicas: { min: number; max: number };
  /** Reached from outside the namespace (ingress, port-forward), not only by catalog callers. */
  edge?: boolean;
  /**
   * Path prefixes an edge service's Ingress routes to it. Anything else it serves (metrics, probes) stays
   * inside the cluster: a load balancer in front of the whole port would publish /metrics to the internet.
   */
  publicPaths?: readonly string[];
  /** Talks to Kafka (egress to the brokers, Kafka settings in its environment). */
  kafka?: boolean;
  /**
   * Verifies end users' bearer tokens: its chart takes the issuer's JWKS URL, issuer and audience, or
   * (kind, no identity provider) signs dev tokens with a key pair kept in a Secret the chart creates.
   */
  verifiesTokens?: boolean;
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
  kubernetes: {
    // measured: ~196 MiB idle, ~241 MiB peak under load (ADR 0008)
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '384Mi' } },
    replicas: { min: 2, max: 6 },
  },
};

/** Sizing of a Node gRPC service of Bazaar's shape, from the catalog's measured RSS (ADR 0008). */
const nodeGrpcSizing = {
  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '384Mi' } },
  replicas: { min: 2, max: 6 },
} as const;

const grpcPorts = (grpc: number, admin: number): ServicePort[] => [
  { name: 'grpc', port: grpc, protocol: 'grpc', env: 'GRPC_PORT' },
  { name: 'admin', port: admin, protocol: 'http', env: 'ADMIN_PORT' },
];

const inventory: ServiceEntry = {
  name: 'inventory',
  description: 'Stock and reservations (Kafka commands), stock queries (gRPC)',
  path: 'apps/inventory',
  ports: grpcPorts(50054, 9104),
  readiness: { port: 'admin', path: '/readyz' },
  calls: [],
  datastores: ['postgres'],
  embeddedEnv: {},
  kubernetes: { ...nodeGrpcSizing, kafka: true },
};

const payments: ServiceEntry = {
  name: 'payments',
  description: 'Simulated payment provider and append-only ledger (Kafka commands)',
  path: 'apps/payments',
  ports: grpcPorts(50055, 9105),
  readiness: { port: 'admin', path: '/readyz' },
  calls: [],
  datastores: ['postgres'],
  embeddedEnv: {},
  kubernetes: { ...nodeGrpcSizing, kafka: true },
};

const shipping: ServiceEntry = {
  name: 'shipping',
  description: 'Shipping quotes (gRPC); shipments for confirmed orders (Kafka)',
  path: 'apps/shipping',
  ports: grpcPorts(50056, 9106),
  readiness: { port: 'admin', path: '/readyz' },
  calls: [],
  datastores: ['postgres'],
  embeddedEnv: {},
  kubernetes: { ...nodeGrpcSizing, kafka: true },
};

const cart: ServiceEntry = {
  name: 'cart',
  description: 'Shopping carts (gRPC) in Redis or in-process, priced from the catalog',
  path: 'apps/cart',
  ports: grpcPorts(50052, 9102),
  readiness: { port: 'admin', path: '/readyz' },
  calls: ['catalog'],
  datastores: ['redis'],
  embeddedEnv: {},
  kubernetes: nodeGrpcSizing,
};

const orders: ServiceEntry = {
  name: 'orders',
  description: 'Orders (gRPC) and the checkout saga over Kafka',
  path: 'apps/orders',
  ports: grpcPorts(50053, 9103),
  readiness: { port: 'admin', path: '/readyz' },
  calls: ['catalog'],
  datastores: ['postgres'],
  embeddedEnv: {},
  kubernetes: { ...nodeGrpcSizing, kafka: true },
};

const analytics: ServiceEntry = {
  name: 'analytics',
  description: 'Event-time windowed aggregates over the clickstream and order events (Kafka), queried and watched over gRPC',
  path: 'apps/analytics',
  ports: grpcPorts(50057, 9107),
  readiness: { port: 'admin', path: '/readyz' },
  calls: [],
  datastores: ['postgres'],
  embeddedEnv: {},
  kubernetes: { ...nodeGrpcSizing, kafka: true },
};

const gateway: ServiceEntry = {
  name: 'gateway',
  description: 'HTTP/REST edge (OpenAPI), translating to gRPC calls',
  path: 'apps/gateway',
  ports: [{ name: 'http', port: 8080, protocol: 'http', env: 'HTTP_PORT' }],
  readiness: { port: 'http', path: '/readyz' },
  calls: ['catalog', 'cart', 'orders', 'shipping', 'analytics'],
  datastores: [],
  embeddedEnv: {},
  kubernetes: {
    // measured: ~212 MiB idle, ~280 MiB peak under load (ADR 0008)
    resources: { requests: { cpu: '100m', memory: '320Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    replicas: { min: 2, max: 10 },
    edge: true,
    // the REST API and its Swagger UI; /metrics, /healthz and /readyz stay inside the cluster
    publicPaths: ['/api', '/docs'],
    verifiesTokens: true,
    // clickstream producer (ADR 0012): Kafka settings and egress to the brokers
    kafka: true,
  },
};

/** In start order: a service comes after every service it calls. */
export const services: readonly ServiceEntry[] = [catalog, inventory, payments, shipping, cart, orders, analytics, gateway];

/** The variable a caller reads for a callee's gRPC address, e.g. `CATALOG_ADDRESS`. */
export function addressVariable(callee: string): string {
  return `${callee.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_ADDRESS`;
}

export function serviceByName(name: string): ServiceEntry {
  const entry = services.find((s) => s.name === name);
  if (!entry) throw new Error(`unknown service "${name}"; known: ${services.map((s) => s.name).join(', ')}`);
  return entry;
}
