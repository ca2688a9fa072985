/**
 * How metrics are scraped, shared by Prometheus (kind) and the collector's
 * prometheus receiver (EKS): each service pod announces its metrics port with
 * the conventional prometheus.io annotations (written by the service charts),
 * and both scrapers find the pods through Kubernetes service discovery.
 */

export const METRICS_PATH = '/metrics';

/** Pod annotations of a service whose /metrics listens on `port`. */
export const scrapeAnnotations = (port: number): Record<string, string> => ({
  'prometheus.io/scrape': 'true',
  'prometheus.io/port': String(port),
  'prometheus.io/path': METRICS_PATH,
});

/** Label on pods that scrape the services; the services' NetworkPolicies admit it on the metrics port. */
export const SCRAPER_LABEL = { 'bazaar.dev/metrics-scraper': 'true' };

export const SCRAPE_JOB = 'bazaar-services';

const meta = (name: string) => `__meta_kubernetes_pod_${name}`;

/**
 * A Prometheus scrape job over annotated pods in `namespaces` (none: the
 * scraper's own namespace). Pod discovery yields one target per declared
 * container port; `keepequal` keeps the one the annotation names. Every
 * series gets `service` (app.kubernetes.io/name), `namespace` and `pod`.
 * No `$` in here: the collector would expand it as an environment variable.
 */
export function servicesScrapeJob(namespaces?: readonly string[]) {
  return {
    job_name: SCRAPE_JOB,
    scrape_interval: '15s',
    kubernetes_sd_configs: [{ role: 'pod', namespaces: namespaces ? { names: [...namespaces] } : { own_namespace: true } }],
    relabel_configs: [
      { source_labels: [meta('annotation_prometheus_io_scrape')], regex: 'true', action: 'keep' },
      { source_labels: [meta('container_port_number')], target_label: meta('annotation_prometheus_io_port'), action: 'keepequal' },
      { source_labels: [meta('annotation_prometheus_io_path')], regex: '(.+)', target_label: '__metrics_path__' },
      { source_labels: [meta('label_app_kubernetes_io_name')], target_label: 'service' },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
      { source_labels: [meta('name')], target_label: 'pod' },
    ],
  };
}

/** Read access to pods for Kubernetes service discovery (a Role in each scraped namespace). */
export const podDiscoveryRules = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }];
