import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { services } from '@bazaar/service-catalog';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { synthCharts } from '../src/charts.js';
import { dashboardFiles } from '../src/observability/dashboards.js';
import { TEMPO_GENERATED_METRICS } from '../src/observability/kind-configs.js';
import { SCRAPER_LABEL } from '../src/observability/scrape.js';
import { baselineViolations } from './baseline.js';
import { authenticatorOf, collectorProblems, type CollectorConfig } from './collector-config.js';
import { codeMetricNames, promqlMetricNames, queriesOf, seriesExists } from './dashboards.js';
import { helm, helmError, parseManifests } from './helm.js';
import { find, type Manifest } from './manifests.js';
import { validateManifest } from './validate.js';

let charts: string;
let kind: Manifest[];
let eks: Manifest[];
let catalog: Manifest[];
const exampleValues = () => path.join(charts, 'bazaar-observability', 'values-example.yaml');
const configOf = (objects: Manifest[], configMap: string, key: string) => parse(find(objects, 'ConfigMap', configMap)['data'][key]);

beforeAll(() => {
  charts = mkdtempSync(path.join(os.tmpdir(), 'bazaar-obs-charts-'));
  synthCharts(charts);
  kind = parseManifests(helm(['template', 'platform', path.join(charts, 'bazaar-platform'), '-n', 'bazaar']));
  eks = parseManifests(helm(['template', 'obs', path.join(charts, 'bazaar-observability'), '-n', 'observability', '-f', exampleValues()]));
  catalog = parseManifests(helm(['template', 'catalog', path.join(charts, 'catalog'), '-n', 'bazaar']));
});
afterAll(() => rmSync(charts, { recursive: true, force: true }));

describe('collector configurations', () => {
  it('kind: OTLP in; traces to Tempo, metrics to Prometheus; every component defined and used', () => {
    const config = configOf(kind, 'otel-collector-config', 'config.yaml') as CollectorConfig;
    expect(collectorProblems(config)).toEqual([]);
    expect(config.service.pipelines['traces']!.exporters).toEqual(['otlp/tempo']);
    expect(config.service.pipelines['metrics']!.exporters).toEqual(['prometheusremotewrite/prometheus']);
    expect(config.exporters!['prometheusremotewrite/prometheus']).toEqual({ endpoint: 'http://prometheus:9090/api/v1/write' });
  });

  it('EKS: traces to the X-Ray OTLP endpoint and metrics to Amazon Managed Prometheus, both signed with SigV4', () => {
    const config = configOf(eks, 'otel-collector-config', 'config.yaml') as CollectorConfig;
    expect(collectorProblems(config)).toEqual([]);
    const xray = config.exporters!['otlphttp/xray'] as { traces_endpoint: string };
    expect(xray.traces_endpoint).toBe('https://xray.eu-west-1.amazonaws.com/v1/traces');
    expect(xray.traces_endpoint).toMatch(/^https:\/\/xray\.[a-z]{2}(-gov)?-[a-z]+-\d\.amazonaws\.com\/v1\/traces$/);
    expect(authenticatorOf(config, 'otlphttp/xray')).toEqual({ region: 'eu-west-1', service: 'xray' });
    const amp = config.exporters!['prometheusremotewrite/amp'] as { endpoint: string };
    expect(amp.endpoint).toBe('https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-12345678-abcd-1234-abcd-123456789012/api/v1/remote_write');
    expect(authenticatorOf(config, 'prometheusremotewrite/amp')).toEqual({ region: 'eu-west-1', service: 'aps' });
    expect(config.service.pipelines['traces']!.exporters).toEqual(['otlphttp/xray']);
    expect(config.service.pipelines['metrics']!.receivers).toEqual(['otlp', 'prometheus']);
  });

  it('reports what is wrong with a broken configuration', () => {
    const broken: CollectorConfig = {
      receivers: { otlp: {}, zipkin: {} },
      exporters: { 'otlphttp/xray': { auth: { authenticator: 'sigv4auth' } } },
      extensions: { health_check: {} },
      service: { extensions: ['health_check'], pipelines: { traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['otlphttp/xray'] } } },
    };
    expect(collectorProblems(broken)).toEqual([
      'pipeline traces: processor batch is not defined',
      'receiver zipkin is defined but in no pipeline',
      'receiver zipkin: unknown type',
      'otlphttp/xray: authenticator sigv4auth is not an enabled extension',
    ]);
  });

  it('scrape the same way on kind (Prometheus) and EKS (collector): annotated pods, keepequal on the port', () => {
    const prometheus = configOf(kind, 'prometheus-config', 'prometheus.yml');
    const eksJob = (configOf(eks, 'otel-collector-config', 'config.yaml') as { receivers: { prometheus: { config: { scrape_configs: unknown[] } } } }).receivers.prometheus.config.scrape_configs[0];
    const kindJob = prometheus.scrape_configs[0];
    expect(kindJob.relabel_configs).toEqual((eksJob as { relabel_configs: unknown }).relabel_configs);
    expect(kindJob.kubernetes_sd_configs[0]).toEqual({ role: 'pod', namespaces: { own_namespace: true } });
    expect((eksJob as { kubernetes_sd_configs: unknown[] }).kubernetes_sd_configs[0]).toEqual({ role: 'pod', namespaces: { names: ['bazaar'] } });
    expect(JSON.stringify(eksJob)).not.toContain('$');
  });
});

describe('kind metrics: Prometheus, Tempo metrics-generator', () => {
  it('Prometheus stores exemplars and accepts remote write; Tempo writes span metrics to it', () => {
    const args = find(kind, 'Deployment', 'prometheus')['spec'].template.spec.containers[0].args;
    expect(args).toEqual(expect.arrayContaining(['--enable-feature=exemplar-storage', '--web.enable-remote-write-receiver']));
    const tempo = configOf(kind, 'tempo-config', 'tempo.yaml');
    expect(tempo.metrics_generator.storage.remote_write).toEqual([{ url: 'http://prometheus:9090/api/v1/write', send_exemplars: true }]);
    expect(tempo.overrides.defaults.metrics_generator.processors).toEqual(['service-graphs', 'span-metrics']);
  });

  it('Prometheus may discover pods (Role) and reach the metrics ports the service pods announce', () => {
    const pod = find(kind, 'Deployment', 'prometheus')['spec'].template;
    expect(pod.metadata.labels).toMatchObject(SCRAPER_LABEL);
    expect(pod.spec.serviceAccountName).toBe('prometheus');
    expect(find(kind, 'Role', 'prometheus-discovery')['rules'][0]).toEqual({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] });
    expect(find(kind, 'RoleBinding', 'prometheus-discovery')['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'prometheus' }]);
    const annotations = find(catalog, 'Deployment', 'catalog')['spec'].template.metadata.annotations;
    expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9101', 'prometheus.io/path': '/metrics' });
    const healthIngress = find(catalog, 'NetworkPolicy', 'catalog')['spec'].ingress.find((rule: { ports: { port: number }[] }) => rule.ports[0]!.port === 9101);
    expect(healthIngress.from).toContainEqual({ podSelector: { matchLabels: SCRAPER_LABEL } });
    const egressPorts = find(kind, 'NetworkPolicy', 'metrics-scraper')['spec'].egress[0].ports.map((p: { port: number }) => p.port);
    for (const s of services) expect(egressPorts).toContain(Number(s.ports.find((p) => p.name === s.readiness.port)!.port));
  });
});

describe('Grafana provisioning and dashboards', () => {
  const datasources = () => configOf(kind, 'grafana-config', 'datasources.yaml') as { apiVersion: number; datasources: { uid: string; url: string; jsonData?: Record<string, unknown> }[] };

  it('datasources: unique uids, URLs of Services in the chart, links between them resolve', () => {
    const { apiVersion, datasources: list } = datasources();
    expect(apiVersion).toBe(1);
    const uids = list.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.sort()).toEqual(['prometheus', 'tempo']);
    for (const d of list) {
      const url = new URL(d.url);
      const service = find(kind, 'Service', url.hostname);
      expect(service['spec'].ports.map((p: { port: number }) => p.port)).toContain(Number(url.port));
    }
    const linked = JSON.stringify(list.map((d) => d.jsonData)).matchAll(/"datasourceUid":"([^"]+)"/g);
    for (const [, uid] of linked) expect(uids).toContain(uid);
  });

  it('the dashboard provider reads the folder the dashboards ConfigMap is mounted at, holding every file of k8s/dashboards', () => {
    const provider = configOf(kind, 'grafana-config', 'dashboards.yaml');
    const grafana = find(kind, 'Deployment', 'grafana')['spec'].template.spec;
    const mount = grafana.containers[0].volumeMounts.find((m: { mountPath: string }) => m.mountPath === provider.providers[0].options.path);
    expect(grafana.volumes.find((v: { name: string }) => v.name === mount.name).configMap.name).toBe('grafana-dashboards');
    expect(Object.keys(find(kind, 'ConfigMap', 'grafana-dashboards')['data'])).toEqual(Object.keys(dashboardFiles()));
  });

  it('dashboards: unique uids, every query on a provisioned datasource, every PromQL parses and names metrics the code defines', () => {
    const uids = datasources().datasources.map((d) => d.uid);
    const known = new Set([...codeMetricNames(), ...TEMPO_GENERATED_METRICS]);
    const files = Object.entries(dashboardFiles()).map(([file, text]) => [file, JSON.parse(text)] as const);
    expect(files.map(([file]) => file)).toEqual(expect.arrayContaining(['overview.json', 'service.json', 'messaging.json', 'checkout.json']));
    expect(new Set(files.map(([, d]) => d.uid)).size).toBe(files.length);
    const problems: string[] = [];
    let promql = 0;
    for (const [file, dashboard] of files) {
      for (const query of queriesOf(file, dashboard)) {
        if (!uids.includes(query.datasourceUid ?? '')) problems.push(`${query.where}: datasource ${query.datasourceUid} is not provisioned`);
        if (query.datasourceUid !== 'prometheus' || !query.text) continue;
        promql++;
        for (const name of promqlMetricNames(query.text)) if (!seriesExists(name, known)) problems.push(`${query.where}: no metric ${name} in the code`);
      }
    }
    expect(problems).toEqual([]);
    expect(promql).toBeGreaterThan(30);
  });

  it('the metric-name check catches a typo and a query that does not parse', () => {
    const known = codeMetricNames();
    expect(['orders_saga_outcomes_total', 'messaging_consumer_lag', 'nodejs_eventloop_lag_p99_seconds'].every((n) => known.has(n))).toBe(true);
    expect(promqlMetricNames('sum(rate(orders_saga_outcome_total[$__rate_interval]))').filter((n) => !seriesExists(n, known))).toEqual(['orders_saga_outcome_total']);
    expect(seriesExists('rpc_server_duration_seconds_bucket', known)).toBe(true);
    expect(() => promqlMetricNames('sum(rate(up[5m])')).toThrow(/does not parse/);
  });
});

describe('chart bazaar-observability (EKS)', () => {
  it('passes helm lint --strict with the example values and renders valid, baseline-compliant objects', async () => {
    helm(['lint', '--strict', path.join(charts, 'bazaar-observability'), '-f', exampleValues()]);
    for (const m of eks) await validateManifest(m);
    expect(baselineViolations(eks)).toEqual([]);
  });

  it('takes its IAM role from the ServiceAccount (IRSA annotation) and discovers pods only in the services namespace', () => {
    expect(find(eks, 'ServiceAccount', 'otel-collector').metadata['annotations']).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/bazaar-otel-collector' });
    expect(find(eks, 'Role', 'otel-collector-discovery').metadata['namespace']).toBe('bazaar');
    expect(find(eks, 'RoleBinding', 'otel-collector-discovery')['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'otel-collector', namespace: 'observability' }]);
    // EKS Pod Identity: credentials come from the node's agent at 169.254.170.23:80
    expect(find(eks, 'NetworkPolicy', 'otel-collector')['spec'].egress).toContainEqual({ to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ protocol: 'TCP', port: 80 }] });
  });

  it('rejects missing or malformed region and workspace with the offending path', () => {
    const chart = path.join(charts, 'bazaar-observability');
    expect(helmError(['template', 'x', chart])).toMatch(/\/aws\/region/);
    expect(helmError(['template', 'x', chart, '-f', exampleValues(), '--set', 'aws.region=Europe'])).toMatch(/\/aws\/region/);
    expect(helmError(['template', 'x', chart, '-f', exampleValues(), '--set', 'aws.prometheusWorkspaceId=12'])).toMatch(/\/aws\/prometheusWorkspaceId/);
    expect(helmError(['template', 'x', chart, '-f', exampleValues(), '--set', 'image=otel/opentelemetry-collector-contrib:latest'])).toMatch(/\/image/);
  });
});
