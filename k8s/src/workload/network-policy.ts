import { k8s } from 'cdk8s-plus-34';
import type { Construct } from 'constructs';
import { onlyIf, val } from '../helm/expr.js';
import { PART_OF_PLATFORM, selectorLabels, standardLabels } from '../labels.js';
import { SCRAPER_LABEL } from '../observability/scrape.js';
import type { WorkloadSpec } from './spec.js';

const tcp = (port: number): k8s.NetworkPolicyPort => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });
const podsNamed = (names: string[]): k8s.NetworkPolicyPeer => ({
  podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: names }] },
});
const anyNamespace = {};

/** Ports of the backing services a workload may reach. */
export const DATASTORE_PORTS = { postgres: 5432, redis: 6379, kafka: 9092, otlpGrpc: 4317, otlpHttp: 4318 };
/** The EKS Pod Identity agent on every node (link-local, port 80) hands out the pod's AWS credentials. */
export const POD_IDENTITY_AGENT = { cidr: '169.254.170.23/32', port: 80 };
/** MSK listener ports: plaintext, TLS, SASL/SCRAM, IAM. */
const MSK_PORTS = [9092, 9094, 9096, 9098];

export function datastorePorts(spec: WorkloadSpec): number[] {
  const ports: number[] = [];
  if (spec.entry.datastores.includes('postgres')) ports.push(DATASTORE_PORTS.postgres);
  if (spec.entry.datastores.includes('redis')) ports.push(DATASTORE_PORTS.redis);
  if (spec.kubernetes.kafka) ports.push(DATASTORE_PORTS.kafka);
  return ports;
}

/**
 * Default deny for the pod, then: ingress on the serving port from the
 * catalog's callers only (anyone for an edge service), ingress on the health
 * port from health checkers and scrapers; egress to DNS, callees, and the
 * in-cluster platform (Kafka, PostgreSQL, Redis, collector). Out-of-cluster
 * datastores (EKS) and the mesh control plane get their own, optional policies.
 */
export function networkPolicies(scope: Construct, spec: WorkloadSpec): void {
  const labels = standardLabels(spec.name, 'network-policy');
  const podSelector = { matchLabels: selectorLabels(spec.name) };
  const ingress: k8s.NetworkPolicyIngressRule[] = [];
  if (spec.kubernetes.edge) ingress.push({ ports: [tcp(spec.servingPort.port)] });
  else if (spec.callers.length > 0) ingress.push({ from: [podsNamed(spec.callers)], ports: [tcp(spec.servingPort.port)] });
  ingress.push({
    from: [
      { podSelector: { matchLabels: { 'bazaar.dev/health-check': 'true' } } },
      { podSelector: { matchLabels: SCRAPER_LABEL } },
      { namespaceSelector: { matchLabels: { 'bazaar.dev/monitoring': 'true' } } },
    ],
    ports: [tcp(spec.healthPort.port)],
  });

  const egress: k8s.NetworkPolicyEgressRule[] = [
    {
      to: [{ namespaceSelector: anyNamespace, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [
        { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
        { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
      ],
    },
    ...spec.callees.map((callee) => ({ to: [podsNamed([callee.name])], ports: [tcp(callee.port)] })),
    // the collector may live in any namespace (kind: the platform; EKS: e.g. observability)
    { to: [{ namespaceSelector: anyNamespace }], ports: [tcp(DATASTORE_PORTS.otlpGrpc), tcp(DATASTORE_PORTS.otlpHttp)] },
  ];
  const datastores = datastorePorts(spec);
  if (datastores.length > 0) {
    egress.push({
      to: [{ namespaceSelector: anyNamespace, podSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF_PLATFORM } } }],
      ports: datastores.map(tcp),
    });
  }

  new k8s.KubeNetworkPolicy(scope, 'network-policy', {
    metadata: { name: spec.name, labels },
    spec: { podSelector, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  });

  const externalPorts = [...new Set([...datastorePorts(spec), ...(spec.kubernetes.kafka ? MSK_PORTS : []), DATASTORE_PORTS.otlpGrpc, DATASTORE_PORTS.otlpHttp, 443])];
  onlyIf(
    new k8s.KubeNetworkPolicy(scope, 'network-policy-external', {
      metadata: { name: `${spec.name}-external`, labels },
      spec: {
        podSelector,
        policyTypes: ['Egress'],
        // 443: STS (IRSA) for the pod's AWS role, collector endpoints; the Pod Identity agent for EKS Pod Identity
        egress: [
          { to: [{ ipBlock: { cidr: val('global.networkPolicy.externalCidr') } }], ports: externalPorts.map(tcp) },
          { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT.cidr } }], ports: [tcp(POD_IDENTITY_AGENT.port)] },
        ],
      },
    }),
    '.Values.global.networkPolicy.externalCidr',
  );

  onlyIf(
    new k8s.KubeNetworkPolicy(scope, 'network-policy-mesh', {
      metadata: { name: `${spec.name}-mesh`, labels },
      spec: {
        podSelector,
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } } }],
            ports: [tcp(15012), tcp(15017)],
          },
        ],
      },
    }),
    '.Values.global.mesh.enabled',
  );
}
