import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-34';
import { stringify } from 'yaml';
import { afterSynth, block, splice, tpl, val } from '../helm/expr.js';
import type { HelmChartSource } from '../helm/writer.js';
import { PART_OF_APPS, selectorLabels, standardLabels } from '../labels.js';
import { POD_IDENTITY_AGENT } from '../workload/network-policy.js';
import { obj, quantity, str, type Schema } from '../workload/schema.js';
import { restrictedContainerSecurity, restrictedPodSecurity, tmpMount, tmpVolume } from '../workload/security.js';
import { eksCollectorConfig } from './eks-collector.js';
import { podDiscoveryRules } from './scrape.js';

export const EKS_COLLECTOR = 'otel-collector';
const PART_OF = 'bazaar-observability';
const OTLP_PORTS = { 'otlp-grpc': 4317, 'otlp-http': 4318 };

const labels = (component: string) => standardLabels(EKS_COLLECTOR, component, PART_OF);
const selector = selectorLabels(EKS_COLLECTOR, PART_OF);
const tcp = (port: number): k8s.NetworkPolicyPort => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });
const scrapeNamespace = tpl('.Values.scrape.namespace');

function deployment(chart: Chart): void {
  const d = new k8s.KubeDeployment(chart, 'deployment', {
    metadata: { name: EKS_COLLECTOR, labels: labels('collector') },
    spec: {
      // one replica: every replica would scrape every pod (no target sharding here)
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: labels('collector'),
          annotations: { 'checksum/config': tpl(`include (print $.Template.BasePath "/configmap-${EKS_COLLECTOR}-config.yaml") . | sha256sum`) },
        },
        spec: {
          serviceAccountName: EKS_COLLECTOR,
          // Kubernetes service discovery talks to the API server with the account's token
          automountServiceAccountToken: true,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(10001),
          containers: [
            {
              name: 'collector',
              image: val('image'),
              args: ['--config=/etc/otelcol/config.yaml'],
              ports: Object.entries(OTLP_PORTS).map(([name, containerPort]) => ({ name, containerPort })),
              securityContext: restrictedContainerSecurity(10001),
              volumeMounts: [{ name: 'config', mountPath: '/etc/otelcol', readOnly: true }, tmpMount],
              readinessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromNumber(13133) }, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 3 },
              livenessProbe: { tcpSocket: { port: k8s.IntOrString.fromNumber(4318) }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 3 },
            },
          ],
          volumes: [{ name: 'config', configMap: { name: `${EKS_COLLECTOR}-config` } }, tmpVolume],
        },
      },
    },
  });
  afterSynth(d, (m) => {
    m['spec'].template.spec.containers[0].resources = block('toYaml .Values.resources');
  });
}

function access(chart: Chart): void {
  const account = new k8s.KubeServiceAccount(chart, 'service-account', { metadata: { name: EKS_COLLECTOR, labels: labels('service-account') } });
  // IRSA: eks.amazonaws.com/role-arn; nothing for EKS Pod Identity
  afterSynth(account, (m) => {
    m['metadata'][splice('dict "annotations" .Values.serviceAccount.annotations | toYaml')] = '';
  });
  const name = `${EKS_COLLECTOR}-discovery`;
  new k8s.KubeRole(chart, 'role', { metadata: { name, namespace: scrapeNamespace, labels: labels('rbac') }, rules: podDiscoveryRules });
  new k8s.KubeRoleBinding(chart, 'role-binding', {
    metadata: { name, namespace: scrapeNamespace, labels: labels('rbac') },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name: EKS_COLLECTOR, namespace: tpl('.Release.Namespace') }],
  });
}

function network(chart: Chart, metricsPorts: readonly number[]): void {
  new k8s.KubeService(chart, 'service', {
    metadata: { name: EKS_COLLECTOR, labels: labels('collector') },
    spec: { selector, ports: Object.entries(OTLP_PORTS).map(([name, port]) => ({ name, port, targetPort: k8s.IntOrString.fromNumber(port), protocol: 'TCP' })) },
  });
  new k8s.KubePodDisruptionBudget(chart, 'pdb', {
    metadata: { name: EKS_COLLECTOR, labels: labels('disruption-budget') },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
  });
  new k8s.KubeNetworkPolicy(chart, 'network-policy', {
    metadata: { name: EKS_COLLECTOR, labels: labels('network-policy') },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: {} }], ports: Object.values(OTLP_PORTS).map(tcp) }],
      egress: [
        { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [53].flatMap((p) => [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(p) }, tcp(p)]) },
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': scrapeNamespace } },
              podSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF_APPS } },
            },
          ],
          ports: [...new Set(metricsPorts)].sort((a, b) => a - b).map(tcp),
        },
        // X-Ray, Amazon Managed Prometheus, STS (IRSA) and the EKS API server are all HTTPS on 443
        { ports: [tcp(443)] },
        { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT.cidr } }], ports: [tcp(POD_IDENTITY_AGENT.port)] },
      ],
    },
  });
}

const schema = (imagePattern: Schema): Schema => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'bazaar-observability chart values',
  ...obj({
    image: imagePattern,
    aws: obj({
      region: str('AWS region of X-Ray and the Prometheus workspace, e.g. eu-west-1', { pattern: '^[a-z]{2}(-gov)?-[a-z]+-[0-9]$' }),
      prometheusWorkspaceId: str('Amazon Managed Prometheus workspace id, e.g. ws-12345678-abcd-1234-abcd-123456789012', { pattern: '^ws-[0-9a-f-]{8,}$' }),
    }),
    clusterName: str('EKS cluster name, added to traces (k8s.cluster.name) and metrics (cluster)', { minLength: 1 }),
    scrape: obj({ namespace: str('namespace of the Bazaar services', { pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' }) }),
    serviceAccount: obj({ annotations: { type: 'object', additionalProperties: { type: 'string' } } }),
    resources: obj({
      requests: obj({ cpu: quantity('CPU request'), memory: quantity('memory request') }),
      limits: obj({ cpu: quantity('CPU limit'), memory: quantity('memory limit') }),
    }),
  }),
});

const notes = `The Bazaar collector is installed in namespace {{ .Release.Namespace }}.

  OTLP in:   http://${EKS_COLLECTOR}.{{ .Release.Namespace }}:4318 (set global.otlp.endpoint of the bazaar chart to this)
  Traces:    X-Ray OTLP endpoint in {{ .Values.aws.region }} (CloudWatch Transaction Search must be on)
  Metrics:   scraped from namespace {{ .Values.scrape.namespace }}, remote-written to {{ .Values.aws.prometheusWorkspaceId }}
  Scraping:  label this namespace: kubectl label ns {{ .Release.Namespace }} bazaar.dev/monitoring=true
`;

/**
 * Chart bazaar-observability (EKS): an OpenTelemetry Collector sending traces
 * to AWS X-Ray and metrics to Amazon Managed Prometheus, with its own IAM role.
 */
export function observabilityChart(app: App, meta: Record<string, unknown>, image: string, imagePattern: Schema, metricsPorts: readonly number[]): HelmChartSource {
  const chart = new Chart(app, 'bazaar-observability', { disableResourceNameHashes: true });
  new k8s.KubeConfigMap(chart, 'config', {
    metadata: { name: `${EKS_COLLECTOR}-config`, labels: labels('config') },
    data: { 'config.yaml': stringify(eksCollectorConfig(scrapeNamespace), { lineWidth: 0, aliasDuplicateObjects: false }) },
  });
  access(chart);
  deployment(chart);
  network(chart, metricsPorts);
  return {
    meta,
    values: {
      image,
      aws: { region: '', prometheusWorkspaceId: '' },
      clusterName: 'bazaar',
      scrape: { namespace: 'bazaar' },
      serviceAccount: { annotations: {} },
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    },
    valuesHeader: '# aws.region and aws.prometheusWorkspaceId are required (values-example.yaml shows a complete set).\n',
    schema: schema(imagePattern),
    objects: chart,
    notes,
    extraValues: {
      'values-example.yaml': {
        aws: { region: 'eu-west-1', prometheusWorkspaceId: 'ws-12345678-abcd-1234-abcd-123456789012' },
        clusterName: 'bazaar',
        serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/bazaar-otel-collector' } },
      },
    },
  };
}
