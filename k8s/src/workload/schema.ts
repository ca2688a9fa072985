import { configData } from './pod.js';
import { addressVar, type WorkloadSpec } from './spec.js';
import { chartSetVariables } from './helpers-tpl.js';
import { ingressSchema } from './ingress.js';
import { tokenAuthSchema } from './token-auth.js';

export type Schema = Record<string, unknown>;

export const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
export const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});
export const quantity = (what: string) => str(what, { pattern: '^[0-9]+(\\.[0-9]+)?(m|Mi|Gi|Ki)?$' });
const secretRef = obj({ secretName: str('Secret holding the URL', { minLength: 1 }), secretKey: str('key in that Secret', { minLength: 1 }) });

export function globalSchema(): Schema {
  return obj(
    {
      image: obj({
        registry: str('image registry and path prefix, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/bazaar', { minLength: 1 }),
        tag: str('image tag (never "latest": pin a version or digest)', { minLength: 1, not: { const: 'latest' } }),
        pullPolicy: { enum: ['IfNotPresent', 'Always', 'Never'] },
      }),
      logLevel: { enum: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] },
      otlp: obj({
        endpoint: str('OTLP/HTTP base URL or empty', { pattern: '^(https?://.+)?$' }),
        propagators: str('OTEL_PROPAGATORS: comma-separated tracecontext, baggage, xray', { pattern: '^(tracecontext|baggage|xray)(,(tracecontext|baggage|xray))*$' }),
        sampler: { enum: ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] },
        samplerArg: { type: 'number', minimum: 0, maximum: 1, description: 'OTEL_TRACES_SAMPLER_ARG: the ratio of the ratio samplers' },
      }),
      mesh: obj({ enabled: { type: 'boolean' } }),
      kafka: obj({
        brokers: str('comma-separated host:port list', { pattern: '^[A-Za-z0-9.\\-_]+:[0-9]{1,5}(,[A-Za-z0-9.\\-_]+:[0-9]{1,5})*$' }),
        tls: { type: 'boolean' },
        auth: obj({
          mechanism: { enum: ['none', 'scram-sha-512', 'scram-sha-256', 'iam'] },
          secretName: str('Secret with keys username and password (SCRAM)'),
        }),
        awsRegion: str('AWS region of the MSK cluster (IAM auth)'),
        replicationFactor: { type: 'integer', minimum: 1, maximum: 32, description: 'KAFKA_REPLICATION_FACTOR of topics created at start: 1 on kind, 3 on MSK' },
      }),
      networkPolicy: obj({ externalCidr: str('CIDR of out-of-cluster datastores, or empty', { pattern: '^([0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2})?$' }) }),
      caBundle: obj({
        configMapName: str('ConfigMap with extra CA certificates (PEM), e.g. the Amazon RDS bundle; empty = none'),
        key: str('the bundle file in that ConfigMap', { minLength: 1, pattern: '^[-._a-zA-Z0-9]+$' }),
      }),
    },
    [],
  );
}

/** values.schema.json of one service chart: typos and bad values fail `helm install` with the offending path. */
/** Every variable the chart sets for the service: its fixed ConfigMap entries and what the templates add. */
function chartVariables(spec: WorkloadSpec): string[] {
  const fixed = Object.keys(configData(spec, (callee) => [addressVar(callee.name), ''])).filter((key) => !key.startsWith('__splice_'));
  return [...new Set([...fixed, ...chartSetVariables(spec)])].sort();
}

export function serviceSchema(spec: WorkloadSpec): Schema {
  const properties: Record<string, Schema> = {
    enabled: { type: 'boolean' },
    global: globalSchema(),
    image: obj({ repository: str('full image repository; empty = <global.image.registry>/' + spec.name), tag: str('overrides global.image.tag', { not: { const: 'latest' } }) }, []),
    replicas: { type: 'integer', minimum: 1 },
    autoscaling: obj({
      enabled: { type: 'boolean' },
      minReplicas: { type: 'integer', minimum: 2, description: 'at least 2, so the PodDisruptionBudget (maxUnavailable 1) never takes the service down' },
      maxReplicas: { type: 'integer', minimum: 2 },
      targetCPUUtilizationPercentage: { type: 'integer', minimum: 10, maximum: 100 },
    }),
    resources: obj({
      requests: obj({ cpu: quantity('CPU request'), memory: quantity('memory request') }),
      limits: obj({ cpu: quantity('CPU limit'), memory: quantity('memory limit') }),
    }),
    serviceAccount: obj({ annotations: { type: 'object', additionalProperties: { type: 'string' } } }),
    logLevel: { enum: ['', 'trace', 'debug', 'info', 'warn', 'error', 'fatal'], description: 'this service\'s log level; empty = global.logLevel' },
    env: {
      type: 'object',
      additionalProperties: { type: 'string' },
      // a repeated key would render twice in the ConfigMap: set those through their own values
      propertyNames: { not: { enum: chartVariables(spec) } },
      description: 'extra plain environment variables (not those the chart sets: use logLevel, global.*, auth.*, database, redis)',
    },
  };
  if (spec.entry.datastores.includes('postgres')) properties['database'] = secretRef;
  if (spec.entry.datastores.includes('redis')) properties['redis'] = secretRef;
  if (spec.kubernetes.verifiesTokens) properties['auth'] = tokenAuthSchema();
  if (spec.kubernetes.edge) properties['ingress'] = ingressSchema();
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: `${spec.name} chart values`, ...obj(properties, []) };
}
