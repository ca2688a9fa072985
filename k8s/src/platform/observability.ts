import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { afterSynth, splice, val } from '../helm/expr.js';
import { PART_OF_APPS } from '../labels.js';
import { DASHBOARDS_IN_CHART } from '../observability/dashboards.js';
import {
  GRAFANA_DASHBOARDS,
  grafanaDashboardProvider,
  grafanaDatasources,
  kindCollectorConfig,
  prometheusArgs,
  prometheusConfig,
  tempoConfig,
} from '../observability/kind-configs.js';
import { podDiscoveryRules, SCRAPER_LABEL } from '../observability/scrape.js';
import { restrictedContainerSecurity, restrictedPodSecurity, tmpMount, tmpVolume } from '../workload/security.js';
import { platformLabels, platformSelector, resources, serviceAndBudget, tcpProbe } from './common.js';

/** Where the Grafana ConfigMap (datasources, dashboard provider) is mounted. */
const GRAFANA_FILES = '/etc/grafana/bazaar';

interface Part {
  name: string;
  /** Key under `images` in the chart values. */
  image: string;
  uid: number;
  ports: Record<string, number>;
  config: Record<string, string>;
  configPath: string;
  args: string[];
  env?: k8s.EnvVar[];
  writable: string[];
  readiness: k8s.Probe;
  liveness: k8s.Probe;
  cpu: [string, string];
  memory: [string, string];
  /** Extra pod labels (e.g. the scraper label the services' NetworkPolicies admit). */
  podLabels?: Record<string, string>;
  /** Extra ConfigMaps mounted read-only, by name suffix: the chart files matching `glob` as keys. */
  mounts?: Record<string, { path: string; glob: string }>;
  /** Runs as its own ServiceAccount allowed to discover pods (Kubernetes service discovery). */
  discovery?: boolean;
}

const http = (path: string, port: number, periodSeconds: number): k8s.Probe => ({
  httpGet: { path, port: k8s.IntOrString.fromNumber(port) },
  periodSeconds,
  failureThreshold: 3,
  timeoutSeconds: 3,
});
const tcp = (port: number): k8s.NetworkPolicyPort => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });

function parts(): Part[] {
  return [
    {
      name: 'otel-collector',
      image: 'otelCollector',
      uid: 10001,
      ports: { 'otlp-grpc': 4317, 'otlp-http': 4318 },
      config: { 'config.yaml': stringify(kindCollectorConfig) },
      configPath: '/etc/otelcol',
      args: ['--config=/etc/otelcol/config.yaml'],
      writable: [],
      readiness: http('/', 13133, 5),
      liveness: tcpProbe(4318, 10, 3),
      cpu: ['50m', '500m'],
      memory: ['128Mi', '256Mi'],
    },
    {
      name: 'tempo',
      image: 'tempo',
      uid: 10001,
      ports: { http: 3200, 'otlp-grpc': 4317 },
      config: { 'tempo.yaml': stringify(tempoConfig) },
      configPath: '/etc/tempo',
      args: ['-config.file=/etc/tempo/tempo.yaml'],
      writable: ['/var/tempo'],
      readiness: http('/ready', 3200, 5),
      liveness: tcpProbe(3200, 10, 6),
      cpu: ['50m', '1'],
      memory: ['256Mi', '512Mi'],
    },
    {
      name: 'prometheus',
      image: 'prometheus',
      uid: 65534,
      ports: { http: 9090 },
      config: { 'prometheus.yml': stringify(prometheusConfig) },
      configPath: '/etc/prometheus',
      args: prometheusArgs,
      writable: ['/prometheus'],
      readiness: http('/-/ready', 9090, 5),
      liveness: http('/-/healthy', 9090, 10),
      cpu: ['50m', '1'],
      memory: ['256Mi', '1Gi'],
      podLabels: SCRAPER_LABEL,
      discovery: true,
    },
    {
      name: 'grafana',
      image: 'grafana',
      uid: 472,
      ports: { http: 3000 },
      config: { 'datasources.yaml': stringify(grafanaDatasources), 'dashboards.yaml': stringify(grafanaDashboardProvider) },
      configPath: GRAFANA_FILES,
      mounts: { dashboards: { path: GRAFANA_DASHBOARDS, glob: `${DASHBOARDS_IN_CHART}/*.json` } },
      env: Object.entries({
        GF_PATHS_PROVISIONING: '/tmp/provisioning',
        GF_PATHS_DATA: '/var/lib/grafana',
        GF_PATHS_LOGS: '/tmp/log',
        GF_AUTH_ANONYMOUS_ENABLED: 'true',
        GF_AUTH_ANONYMOUS_ORG_ROLE: 'Viewer',
      }).map(([name, value]) => ({ name, value })),
      args: [],
      writable: ['/var/lib/grafana'],
      readiness: http('/api/health', 3000, 5),
      liveness: tcpProbe(3000, 10, 6),
      cpu: ['50m', '500m'],
      memory: ['128Mi', '256Mi'],
    },
  ];
}

/**
 * OpenTelemetry Collector, Tempo, Prometheus and Grafana (kind): traces go
 * collector → Tempo, Prometheus scrapes the services' /metrics on
 * `metricsPorts`, Grafana shows both with the dashboards in k8s/dashboards.
 */
export class ObservabilityPlatform extends Construct {
  constructor(scope: Construct, id: string, metricsPorts: readonly number[]) {
    super(scope, id);
    for (const part of parts()) this.part(part);
    this.scraperAccess(metricsPorts);
  }

  private part(p: Part): void {
    const scope = new Construct(this, p.name);
    new k8s.KubeConfigMap(scope, 'config', { metadata: { name: `${p.name}-config`, labels: platformLabels(p.name) }, data: p.config });
    const mounts = Object.entries(p.mounts ?? {}).map(([suffix, { path, glob }]) => {
      const name = `${p.name}-${suffix}`;
      // files, not template text: dashboards are full of {{legend}} placeholders Helm must not evaluate
      const configMap = new k8s.KubeConfigMap(scope, suffix, { metadata: { name, labels: platformLabels(p.name) } });
      afterSynth(configMap, (m) => {
        m['data'] = { [splice(`(.Files.Glob "${glob}").AsConfig`)]: '' };
      });
      return { volume: { name: suffix, configMap: { name } }, mount: { name: suffix, mountPath: path, readOnly: true } };
    });
    const writable = p.writable.map((mountPath, i) => ({ volume: { name: `data-${i}`, emptyDir: {} }, mount: { name: `data-${i}`, mountPath } }));
    const volumes = [...mounts, ...writable];
    if (p.discovery) this.discoveryAccount(scope, p.name);
    new k8s.KubeDeployment(scope, 'deployment', {
      metadata: { name: p.name, labels: platformLabels(p.name) },
      spec: {
        replicas: 1,
        selector: { matchLabels: platformSelector(p.name) },
        template: {
          metadata: { labels: { ...platformLabels(p.name), ...p.podLabels } },
          spec: {
            ...(p.discovery ? { serviceAccountName: p.name, automountServiceAccountToken: true } : { automountServiceAccountToken: false }),
            enableServiceLinks: false,
            securityContext: restrictedPodSecurity(p.uid),
            ...(p.name === 'grafana' ? { initContainers: [this.grafanaLayout(p)] } : {}),
            containers: [
              {
                name: p.name,
                image: val(`images.${p.image}`),
                ...(p.args.length > 0 ? { args: p.args } : {}),
                ...(p.env ? { env: p.env } : {}),
                ports: Object.entries(p.ports).map(([name, containerPort]) => ({ name, containerPort })),
                resources: resources(p.cpu, p.memory),
                securityContext: restrictedContainerSecurity(p.uid),
                volumeMounts: [{ name: 'config', mountPath: p.configPath, readOnly: true }, ...volumes.map((v) => v.mount), tmpMount],
                readinessProbe: p.readiness,
                livenessProbe: p.liveness,
              },
            ],
            volumes: [{ name: 'config', configMap: { name: `${p.name}-config` } }, ...volumes.map((v) => v.volume), tmpVolume],
          },
        },
      },
    });
    serviceAndBudget(scope, p.name, p.ports);
  }

  /** ServiceAccount with read access to pods in this namespace, for Kubernetes service discovery. */
  private discoveryAccount(scope: Construct, name: string): void {
    const labels = platformLabels(name);
    new k8s.KubeServiceAccount(scope, 'service-account', { metadata: { name, labels }, automountServiceAccountToken: false });
    new k8s.KubeRole(scope, 'role', { metadata: { name: `${name}-discovery`, labels }, rules: podDiscoveryRules });
    new k8s.KubeRoleBinding(scope, 'role-binding', {
      metadata: { name: `${name}-discovery`, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${name}-discovery` },
      subjects: [{ kind: 'ServiceAccount', name }],
    });
  }

  /** The scraper may reach the services' metrics ports and the API server (service discovery). */
  private scraperAccess(metricsPorts: readonly number[]): void {
    new k8s.KubeNetworkPolicy(this, 'scraper-network-policy', {
      metadata: { name: 'metrics-scraper', labels: platformLabels('metrics-scraper') },
      spec: {
        podSelector: { matchLabels: SCRAPER_LABEL },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF_APPS } } }],
            ports: [...new Set(metricsPorts)].sort((a, b) => a - b).map(tcp),
          },
          // the API server sits outside the pod network (kind: the control-plane node); its address is not known here
          { ports: [tcp(443), tcp(6443)] },
        ],
      },
    });
  }

  /** Lays the provisioning files out as Grafana expects, in the shared /tmp. */
  private grafanaLayout(p: Part): k8s.Container {
    const script = [
      'set -e',
      'mkdir -p /tmp/provisioning/datasources /tmp/provisioning/dashboards /tmp/provisioning/plugins /tmp/provisioning/alerting /tmp/log',
      `cp ${p.configPath}/datasources.yaml /tmp/provisioning/datasources/`,
      `cp ${p.configPath}/dashboards.yaml /tmp/provisioning/dashboards/`,
    ].join('\n');
    return {
      name: 'provisioning',
      image: val('images.grafana'),
      command: ['/bin/sh', '-c', script],
      resources: resources(['10m', '100m'], ['16Mi', '64Mi']),
      securityContext: restrictedContainerSecurity(p.uid),
      volumeMounts: [{ name: 'config', mountPath: p.configPath, readOnly: true }, tmpMount],
    };
  }
}
