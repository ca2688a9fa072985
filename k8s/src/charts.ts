import { topicCatalog, type TopicSpec } from '@bazaar/contracts';
import { services as catalogServices, type ServiceEntry } from '@bazaar/service-catalog';
import { App, Chart } from 'cdk8s';
import path from 'node:path';
import { kindValues, eksValues } from './environments.js';
import { writeHelmChart, type HelmChartSource } from './helm/writer.js';
import { namespaceMesh } from './mesh/istio.js';
import { platformNotes, serviceNotes, umbrellaNotes } from './notes.js';
import { platformNetworkPolicy } from './platform/common.js';
import { KafkaPlatform } from './platform/kafka.js';
import { PostgresPlatform } from './platform/postgres.js';
import { RedisPlatform } from './platform/redis.js';
import { ObservabilityPlatform } from './platform/observability.js';
import { dashboardFiles, DASHBOARDS_IN_CHART } from './observability/dashboards.js';
import { observabilityChart } from './observability/eks-chart.js';
import { healthTest } from './workload/health-test.js';
import { serviceHelpers } from './workload/helpers-tpl.js';
import { globalSchema, serviceSchema } from './workload/schema.js';
import { ServiceWorkload } from './workload/service-workload.js';
import { workloadSpec, type WorkloadSpec } from './workload/spec.js';
import { defaultGlobalValues, defaultServiceValues } from './workload/values.js';

export const CHART_VERSION = '0.1.0';
export const APP_VERSION = '0.1.0';
/** Images of the kind platform, pinned. */
export const PLATFORM_IMAGES = {
  kafka: 'apache/kafka:4.4.0',
  postgres: 'postgres:17.6-alpine',
  redis: 'redis:8.2.2-alpine',
  otelCollector: 'otel/opentelemetry-collector-contrib:0.135.0',
  tempo: 'grafana/tempo:2.8.2',
  prometheus: 'prom/prometheus:v3.5.0',
  grafana: 'grafana/grafana:12.2.0',
};

const meta = (name: string, description: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v2',
  name,
  description,
  type: 'application',
  version: CHART_VERSION,
  appVersion: APP_VERSION,
  kubeVersion: '>=1.33.0-0',
  ...extra,
});

/** A pinned image reference (never :latest). */
const pinnedImage = { type: 'string', pattern: '^[a-z0-9./_-]+:[A-Za-z0-9_.-]+$', not: { pattern: ':latest$' } };

const cdk8sChart = (app: App, name: string) => new Chart(app, name, { disableResourceNameHashes: true });

export function serviceChart(app: App, spec: WorkloadSpec): HelmChartSource {
  const chart = cdk8sChart(app, spec.name);
  new ServiceWorkload(chart, 'workload', spec);
  healthTest(chart, spec);
  return {
    meta: meta(spec.name, spec.entry.description),
    values: defaultServiceValues(spec),
    schema: serviceSchema(spec),
    objects: chart,
    helpers: serviceHelpers(spec),
    notes: serviceNotes(spec),
  };
}

export function umbrellaChart(app: App, specs: readonly WorkloadSpec[]): HelmChartSource {
  const chart = cdk8sChart(app, 'bazaar');
  namespaceMesh(chart);
  const names = specs.map((s) => s.name);
  return {
    meta: meta('bazaar', 'Every Bazaar service', {
      dependencies: names.map((name) => ({ name, version: CHART_VERSION, repository: `file://../${name}`, condition: `${name}.enabled` })),
    }),
    values: { global: defaultGlobalValues(), ...Object.fromEntries(names.map((name) => [name, { enabled: true }])) },
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'bazaar umbrella chart values',
      type: 'object',
      additionalProperties: false,
      // each service's own values.schema.json checks what is under its key
      properties: { global: globalSchema(), ...Object.fromEntries(names.map((name) => [name, { type: 'object' }])) },
    },
    objects: chart,
    notes: umbrellaNotes(names),
    extraValues: { 'values-kind.yaml': kindValues(specs), 'values-eks.yaml': eksValues(specs) },
  };
}

export function platformChart(app: App, specs: readonly WorkloadSpec[], topics: readonly TopicSpec[]): HelmChartSource {
  const chart = cdk8sChart(app, 'bazaar-platform');
  const databases = specs.filter((s) => s.entry.datastores.includes('postgres')).map((s) => s.name);
  new KafkaPlatform(chart, 'kafka', topics);
  new PostgresPlatform(chart, 'postgres', databases);
  new RedisPlatform(chart, 'redis');
  new ObservabilityPlatform(chart, 'observability', specs.map((s) => s.healthPort.port));
  platformNetworkPolicy(chart);
  return {
    meta: meta('bazaar-platform', 'Kafka (KRaft), PostgreSQL, Redis, OpenTelemetry Collector, Tempo, Prometheus and Grafana for a kind cluster; not for production'),
    values: { images: PLATFORM_IMAGES, postgres: { password: 'bazaar-dev' } },
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'bazaar-platform chart values',
      type: 'object',
      additionalProperties: false,
      required: ['images', 'postgres'],
      properties: {
        images: {
          type: 'object',
          additionalProperties: false,
          required: Object.keys(PLATFORM_IMAGES),
          properties: Object.fromEntries(Object.keys(PLATFORM_IMAGES).map((key) => [key, pinnedImage])),
        },
        postgres: { type: 'object', additionalProperties: false, required: ['password'], properties: { password: { type: 'string', minLength: 8 } } },
      },
    },
    objects: chart,
    notes: platformNotes,
    files: Object.fromEntries(Object.entries(dashboardFiles()).map(([name, text]) => [`${DASHBOARDS_IN_CHART}/${name}`, text])),
  };
}

/** Every chart Bazaar ships, keyed by directory name under charts/. */
export function buildCharts(entries: readonly ServiceEntry[] = catalogServices, topics: readonly TopicSpec[] = topicCatalog): Map<string, HelmChartSource> {
  const app = new App();
  const specs = entries.map((entry) => workloadSpec(entry, entries));
  const charts = new Map<string, HelmChartSource>();
  for (const spec of specs) charts.set(spec.name, serviceChart(app, spec));
  charts.set('bazaar', umbrellaChart(app, specs));
  charts.set('bazaar-platform', platformChart(app, specs, topics));
  charts.set(
    'bazaar-observability',
    observabilityChart(
      app,
      meta('bazaar-observability', 'EKS: OpenTelemetry Collector sending traces to AWS X-Ray (OTLP, SigV4) and metrics to Amazon Managed Prometheus'),
      PLATFORM_IMAGES.otelCollector,
      pinnedImage,
      specs.map((s) => s.healthPort.port),
    ),
  );
  return charts;
}

/** Writes every chart under `outDir` (charts/ in the repository). */
export function synthCharts(outDir: string): string[] {
  const charts = buildCharts();
  for (const [name, source] of charts) writeHelmChart(path.join(outDir, name), source);
  return [...charts.keys()];
}
