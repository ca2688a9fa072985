import { caBundleValues } from './ca-bundle.js';
import type { WorkloadSpec } from './spec.js';
import { ingressValues, isEdge } from './ingress.js';
import { tokenAuthValues, verifiesTokens } from './token-auth.js';

/** Values every Bazaar chart shares; the umbrella chart sets them once under `global`. */
export function defaultGlobalValues() {
  return {
    image: { registry: 'bazaar', tag: '0.1.0', pullPolicy: 'IfNotPresent' },
    logLevel: 'info',
    /**
     * OTLP/HTTP collector base URL (empty disables tracing export); propagators
     * (add xray behind an ALB or API Gateway) and sampler, as OTEL_PROPAGATORS,
     * OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG.
     */
    otlp: { endpoint: '', propagators: 'tracecontext,baggage', sampler: 'parentbased_always_on', samplerArg: 1 },
    mesh: { enabled: false },
    kafka: {
      brokers: 'kafka:9092',
      tls: false,
      /** none | scram-sha-512 | scram-sha-256 | iam (MSK IAM, OAUTHBEARER) */
      auth: { mechanism: 'none', secretName: '' },
      awsRegion: '',
      /** Replication factor of the topics services create at start: 1 on a single-broker kind cluster, 3 on MSK. */
      replicationFactor: 1,
    },
    /** CIDR of datastores outside the cluster (RDS, ElastiCache, MSK); empty = none. */
    networkPolicy: { externalCidr: '' },
    /** A ConfigMap with extra CAs (PEM) every service trusts, e.g. the Amazon RDS bundle; empty = none. */
    caBundle: caBundleValues(),
  };
}

/** Default values.yaml of one service's chart, sized from its catalog entry. */
export function defaultServiceValues(spec: WorkloadSpec) {
  const { resources, replicas } = spec.kubernetes;
  const values: Record<string, unknown> = {
    enabled: true,
    global: defaultGlobalValues(),
    image: { repository: '', tag: '' },
    replicas: replicas.min,
    autoscaling: { enabled: true, minReplicas: replicas.min, maxReplicas: replicas.max, targetCPUUtilizationPercentage: 70 },
    resources: structuredClone(resources),
    /** e.g. eks.amazonaws.com/role-arn for IRSA; nothing needed for EKS Pod Identity. */
    serviceAccount: { annotations: {} },
    /** This service's log level; empty = global.logLevel. */
    logLevel: '',
    /** Extra environment (plain config, never secrets). */
    env: {},
  };
  if (spec.entry.datastores.includes('postgres')) values['database'] = { secretName: `${spec.name}-db`, secretKey: 'url' };
  if (spec.entry.datastores.includes('redis')) values['redis'] = { secretName: `${spec.name}-redis`, secretKey: 'url' };
  if (verifiesTokens(spec)) values['auth'] = tokenAuthValues();
  if (isEdge(spec)) values['ingress'] = ingressValues();
  return values;
}
