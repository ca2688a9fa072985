import { tpl } from '../helm/expr.js';
import { servicesScrapeJob } from './scrape.js';

/**
 * The EKS collector's configuration (chart bazaar-observability). Values are
 * Helm expressions, so `helm template` shows the exact config that runs.
 * Traces: OTLP/HTTP to X-Ray's OTLP endpoint, signed with SigV4 (service
 * "xray"); needs CloudWatch Transaction Search on in the account. Metrics:
 * the collector scrapes the services (Amazon Managed Prometheus only
 * ingests) and remote-writes them, signed for "aps", with anything pushed
 * over OTLP.
 */

const region = tpl('.Values.aws.region');
export const XRAY_TRACES_ENDPOINT = `https://xray.${region}.amazonaws.com/v1/traces`;
export const AMP_REMOTE_WRITE_ENDPOINT = `https://aps-workspaces.${region}.amazonaws.com/workspaces/${tpl('.Values.aws.prometheusWorkspaceId')}/api/v1/remote_write`;

/** `namespace`: where the Bazaar services run (their pods are scraped there). */
export function eksCollectorConfig(namespace: string) {
  const processors = ['memory_limiter', 'resource/cluster', 'batch'];
  return {
    extensions: {
      health_check: { endpoint: '0.0.0.0:13133' },
      // credentials come from the pod's IAM role (IRSA web identity or EKS Pod Identity)
      'sigv4auth/xray': { region, service: 'xray' },
      'sigv4auth/aps': { region, service: 'aps' },
    },
    receivers: {
      otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
      prometheus: { config: { scrape_configs: [servicesScrapeJob([namespace])] } },
    },
    processors: {
      memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 20 },
      'resource/cluster': {
        attributes: [
          { key: 'cloud.provider', value: 'aws', action: 'upsert' },
          { key: 'cloud.platform', value: 'aws_eks', action: 'upsert' },
          { key: 'cloud.region', value: region, action: 'upsert' },
          { key: 'k8s.cluster.name', value: tpl('.Values.clusterName'), action: 'upsert' },
        ],
      },
      batch: {},
    },
    exporters: {
      'otlphttp/xray': { traces_endpoint: XRAY_TRACES_ENDPOINT, compression: 'gzip', auth: { authenticator: 'sigv4auth/xray' } },
      'prometheusremotewrite/amp': {
        endpoint: AMP_REMOTE_WRITE_ENDPOINT,
        auth: { authenticator: 'sigv4auth/aps' },
        external_labels: { cluster: tpl('.Values.clusterName') },
      },
    },
    service: {
      extensions: ['health_check', 'sigv4auth/xray', 'sigv4auth/aps'],
      pipelines: {
        traces: { receivers: ['otlp'], processors, exporters: ['otlphttp/xray'] },
        metrics: { receivers: ['otlp', 'prometheus'], processors, exporters: ['prometheusremotewrite/amp'] },
      },
    },
  };
}
