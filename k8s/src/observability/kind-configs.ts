import { servicesScrapeJob } from './scrape.js';

/**
 * Configuration files of the kind observability platform. Metrics: Prometheus
 * scrapes the services itself (exemplars arrive with the OpenMetrics scrape,
 * nothing in between to configure or debug); the collector forwards only
 * metrics pushed over OTLP, and Tempo remote-writes its span metrics and
 * service graph. There is no log backend on kind: pods log JSON to stdout
 * (`kubectl logs`), so Grafana has no trace-to-logs link.
 */

const PROMETHEUS_URL = 'http://prometheus:9090';
export const REMOTE_WRITE_URL = `${PROMETHEUS_URL}/api/v1/write`;

export const kindCollectorConfig = {
  receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
  processors: { memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 20 }, batch: {} },
  exporters: {
    'otlp/tempo': { endpoint: 'tempo:4317', tls: { insecure: true } },
    'prometheusremotewrite/prometheus': { endpoint: REMOTE_WRITE_URL },
  },
  extensions: { health_check: { endpoint: '0.0.0.0:13133' } },
  service: {
    extensions: ['health_check'],
    pipelines: {
      traces: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['otlp/tempo'] },
      metrics: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['prometheusremotewrite/prometheus'] },
    },
  },
};

export const tempoConfig = {
  server: { http_listen_port: 3200 },
  distributor: { receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } } },
  storage: { trace: { backend: 'local', local: { path: '/var/tempo/traces' }, wal: { path: '/var/tempo/wal' } } },
  // span metrics and the service graph behind Grafana's service map and Tempo → metrics links
  metrics_generator: {
    registry: { external_labels: { source: 'tempo' } },
    storage: { path: '/var/tempo/generator/wal', remote_write: [{ url: REMOTE_WRITE_URL, send_exemplars: true }] },
    traces_storage: { path: '/var/tempo/generator/traces' },
  },
  overrides: { defaults: { metrics_generator: { processors: ['service-graphs', 'span-metrics'] } } },
};

/** Series Tempo's metrics-generator writes into Prometheus (dashboards may use them). */
export const TEMPO_GENERATED_METRICS = [
  'traces_spanmetrics_calls_total',
  'traces_spanmetrics_latency',
  'traces_service_graph_request_total',
  'traces_service_graph_request_failed_total',
  'traces_service_graph_request_server_seconds',
  'traces_service_graph_request_client_seconds',
];

export const prometheusConfig = {
  global: { scrape_interval: '15s', evaluation_interval: '15s' },
  storage: { exemplars: { max_exemplars: 100000 } },
  scrape_configs: [servicesScrapeJob(), { job_name: 'platform', static_configs: [{ targets: ['localhost:9090', 'tempo:3200'] }] }],
};

/** Prometheus flags: exemplar storage, and the remote-write receiver the collector and Tempo write to. */
export const prometheusArgs = [
  '--config.file=/etc/prometheus/prometheus.yml',
  '--storage.tsdb.path=/prometheus',
  '--storage.tsdb.retention.time=2d',
  '--enable-feature=exemplar-storage',
  '--web.enable-remote-write-receiver',
];

/** Where the dashboard JSON files are mounted in the Grafana pod. */
export const GRAFANA_DASHBOARDS = '/etc/grafana/dashboards';

/** Label carrying the trace id on exemplars (OpenMetrics convention). */
export const EXEMPLAR_TRACE_LABEL = 'trace_id';

/** Grafana expands `$VAR` in provisioning files; `$$` is a literal `$`. */
export const grafanaDatasources = {
  apiVersion: 1,
  datasources: [
    {
      name: 'Prometheus',
      type: 'prometheus',
      uid: 'prometheus',
      access: 'proxy',
      url: PROMETHEUS_URL,
      isDefault: true,
      jsonData: { httpMethod: 'POST', exemplarTraceIdDestinations: [{ name: EXEMPLAR_TRACE_LABEL, datasourceUid: 'tempo' }] },
    },
    {
      name: 'Tempo',
      type: 'tempo',
      uid: 'tempo',
      access: 'proxy',
      url: 'http://tempo:3200',
      jsonData: {
        nodeGraph: { enabled: true },
        serviceMap: { datasourceUid: 'prometheus' },
        search: { hide: false },
        tracesToMetrics: {
          datasourceUid: 'prometheus',
          spanStartTimeShift: '-5m',
          spanEndTimeShift: '5m',
          tags: [{ key: 'service.name', value: 'service' }],
          queries: [
            { name: 'gRPC requests by method', query: 'sum by (rpc_method) (rate(rpc_server_duration_seconds_count{$$__tags}[5m]))' },
            { name: 'HTTP requests by route', query: 'sum by (http_route) (rate(http_server_request_duration_seconds_count{$$__tags}[5m]))' },
          ],
        },
      },
    },
  ],
};

export const grafanaDashboardProvider = {
  apiVersion: 1,
  providers: [{ name: 'bazaar', folder: 'Bazaar', type: 'file', disableDeletion: true, options: { path: GRAFANA_DASHBOARDS } }],
};
