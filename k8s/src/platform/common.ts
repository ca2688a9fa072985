import { k8s } from 'cdk8s-plus-34';
import type { Construct } from 'constructs';
import { PART_OF_APPS, PART_OF_PLATFORM, selectorLabels, standardLabels } from '../labels.js';

export const platformLabels = (name: string) => standardLabels(name, 'datastore', PART_OF_PLATFORM);
export const platformSelector = (name: string) => selectorLabels(name, PART_OF_PLATFORM);

export const resources = (cpu: [string, string], memory: [string, string]): k8s.ResourceRequirements => ({
  requests: { cpu: k8s.Quantity.fromString(cpu[0]), memory: k8s.Quantity.fromString(memory[0]) },
  limits: { cpu: k8s.Quantity.fromString(cpu[1]), memory: k8s.Quantity.fromString(memory[1]) },
});

export const tcpProbe = (port: number, periodSeconds: number, failureThreshold: number): k8s.Probe => ({
  tcpSocket: { port: k8s.IntOrString.fromNumber(port) },
  periodSeconds,
  failureThreshold,
  timeoutSeconds: 3,
});

export const execProbe = (command: string[], periodSeconds: number, failureThreshold: number): k8s.Probe => ({
  exec: { command },
  periodSeconds,
  failureThreshold,
  timeoutSeconds: 3,
});

/** ClusterIP Service and PDB of a single-replica platform workload. */
export function serviceAndBudget(scope: Construct, name: string, port: number | Record<string, number>): void {
  const ports = typeof port === 'number' ? { tcp: port } : port;
  new k8s.KubeService(scope, 'service', {
    metadata: { name, labels: platformLabels(name) },
    spec: {
      selector: platformSelector(name),
      ports: Object.entries(ports).map(([portName, number]) => ({ name: portName, port: number, targetPort: k8s.IntOrString.fromNumber(number), protocol: 'TCP' })),
    },
  });
  new k8s.KubePodDisruptionBudget(scope, 'pdb', {
    metadata: { name, labels: platformLabels(name) },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: platformSelector(name) } },
  });
}

/** Platform pods accept Bazaar services and each other, and reach only DNS and each other. */
export function platformNetworkPolicy(scope: Construct): void {
  const partOf = (values: string[]): k8s.NetworkPolicyPeer => ({
    namespaceSelector: {},
    podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/part-of', operator: 'In', values }] },
  });
  new k8s.KubeNetworkPolicy(scope, 'network-policy', {
    metadata: { name: PART_OF_PLATFORM, labels: standardLabels(PART_OF_PLATFORM, 'network-policy', PART_OF_PLATFORM) },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF_PLATFORM } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [partOf([PART_OF_APPS, PART_OF_PLATFORM])] }],
      egress: [
        {
          to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
            { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
          ],
        },
        { to: [partOf([PART_OF_PLATFORM])] },
      ],
    },
  });
}
