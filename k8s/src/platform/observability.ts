import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { val } from '../helm/expr.js';
import { restrictedContainerSecurity, restrictedPodSecurity, tmpMount, tmpVolume } from '../workload/security.js';
import { platformLabels, platformSelector, resources, serviceAndBudget, tcpProbe } from './common.js';

const collectorConfig = {
  receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
  processors: { memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 20 }, batch: {} },
  exporters: { 'otlp/tempo': { endpoint: 'tempo:4317', tls: { insecure: true } } },
  extensions: { health_check: { endpoint: '0.0.0.0:13133' } },
  service: {
    extensions: ['health_check'],
    pipelines: { traces: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['otlp/tempo'] } },
  },
};

const tempoConfig = {
  server: { http_listen_port: 3200 },
  distributor: { receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } } },
  storage: { trace: { backend: 'local', local: { path: '/var/tempo/traces' }, wal: { path: '/var/tempo/wal' } } },
};

/** Where the Grafana ConfigMap (datasource, dashboard provider, dashboards) is mounted. */
const GRAFANA_FILES = '/etc/grafana/bazaar';

const grafanaDatasources = {
  apiVersion: 1,
  datasources: [{ name: 'Tempo', type: 'tempo', uid: 'tempo', access: 'proxy', url: 'http://tempo:3200', isDefault: true }],
};

const grafanaDashboardProvider = {
  apiVersion: 1,
  providers: [{ name: 'bazaar', folder: 'Bazaar', type: 'file', options: { path: GRAFANA_FILES } }],
};

/** A starting dashboard: recent traces per service and the slowest requests. */
export const tracesDashboard = {
  title: 'Bazaar traces',
  uid: 'bazaar-traces',
  schemaVersion: 39,
  time: { from: 'now-1h', to: 'now' },
  panels: [
    {
      type: 'table',
      title: 'Recent traces',
      gridPos: { x: 0, y: 0, w: 24, h: 12 },
      datasource: { type: 'tempo', uid: 'tempo' },
      targets: [{ refId: 'A', queryType: 'traceql', query: '{ resource.service.name =~ ".+" }', limit: 50 }],
    },
    {
      type: 'table',
      title: 'Slow requests (> 500 ms)',
      gridPos: { x: 0, y: 12, w: 24, h: 12 },
      datasource: { type: 'tempo', uid: 'tempo' },
      targets: [{ refId: 'A', queryType: 'traceql', query: '{ duration > 500ms }', limit: 50 }],
    },
  ],
};

interface Part {
  name: string;
  uid: number;
  ports: Record<string, number>;
  config: Record<string, string>;
  configPath: string;
  args?: string[];
  env?: k8s.EnvVar[];
  writable: string[];
  readiness: k8s.Probe;
  liveness: k8s.Probe;
  cpu: [string, string];
  memory: [string, string];
}

/** OpenTelemetry Collector → Tempo → Grafana (kind): where the services' traces end up. */
export class ObservabilityPlatform extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const http = (path: string, port: number, periodSeconds: number): k8s.Probe => ({
      httpGet: { path, port: k8s.IntOrString.fromNumber(port) },
      periodSeconds,
      failureThreshold: 3,
      timeoutSeconds: 3,
    });
    const parts: Part[] = [
      {
        name: 'otel-collector',
        uid: 10001,
        ports: { 'otlp-grpc': 4317, 'otlp-http': 4318 },
        config: { 'config.yaml': stringify(collectorConfig) },
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
        name: 'grafana',
        uid: 472,
        ports: { http: 3000 },
        config: {
          'datasources.yaml': stringify(grafanaDatasources),
          'dashboards.yaml': stringify(grafanaDashboardProvider),
          'bazaar-traces.json': JSON.stringify(tracesDashboard, null, 2),
        },
        configPath: GRAFANA_FILES,
        env: Object.entries({
          GF_PATHS_PROVISIONING: '/tmp/provisioning',
          GF_PATHS_DATA: '/var/lib/grafana',
          GF_PATHS_LOGS: '/tmp/log',
          GF_AUTH_ANONYMOUS_ENABLED: 'true',
          GF_AUTH_ANONYMOUS_ORG_ROLE: 'Viewer',
        }).map(([name, value]) => ({ name, value })),
        // provisioning wants datasources/ and dashboards/ folders; build them in /tmp from the one ConfigMap
        args: [],
        writable: ['/var/lib/grafana'],
        readiness: http('/api/health', 3000, 5),
        liveness: tcpProbe(3000, 10, 6),
        cpu: ['50m', '500m'],
        memory: ['128Mi', '256Mi'],
      },
    ];
    for (const part of parts) this.part(part);
  }

  private part(p: Part): void {
    const scope = new Construct(this, p.name);
    new k8s.KubeConfigMap(scope, 'config', { metadata: { name: `${p.name}-config`, labels: platformLabels(p.name) }, data: p.config });
    const writable = p.writable.map((mountPath, i) => ({ volume: { name: `data-${i}`, emptyDir: {} }, mount: { name: `data-${i}`, mountPath } }));
    const grafana = p.name === 'grafana';
    new k8s.KubeDeployment(scope, 'deployment', {
      metadata: { name: p.name, labels: platformLabels(p.name) },
      spec: {
        replicas: 1,
        selector: { matchLabels: platformSelector(p.name) },
        template: {
          metadata: { labels: platformLabels(p.name) },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurity(p.uid),
            ...(grafana ? { initContainers: [this.grafanaLayout(p)] } : {}),
            containers: [
              {
                name: p.name,
                image: val(`images.${p.name === 'otel-collector' ? 'otelCollector' : p.name}`),
                ...(p.args && p.args.length > 0 ? { args: p.args } : {}),
                ...(p.env ? { env: p.env } : {}),
                ports: Object.entries(p.ports).map(([name, containerPort]) => ({ name, containerPort })),
                resources: resources(p.cpu, p.memory),
                securityContext: restrictedContainerSecurity(p.uid),
                volumeMounts: [{ name: 'config', mountPath: p.configPath, readOnly: true }, ...writable.map((w) => w.mount), tmpMount],
                readinessProbe: p.readiness,
                livenessProbe: p.liveness,
              },
            ],
            volumes: [{ name: 'config', configMap: { name: `${p.name}-config` } }, ...writable.map((w) => w.volume), tmpVolume],
          },
        },
      },
    });
    serviceAndBudget(scope, p.name, p.ports);
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
