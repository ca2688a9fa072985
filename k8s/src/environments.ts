import type { WorkloadSpec } from './workload/spec.js';

/**
 * Values for the umbrella chart per environment, written next to it as
 * values-kind.yaml and values-eks.yaml. EKS placeholders (account, region,
 * ARNs, CIDR) are the ones an operator replaces; docs/kubernetes.md lists them.
 */
export function kindValues(specs: readonly WorkloadSpec[]) {
  return {
    global: {
      image: { registry: 'bazaar', tag: '0.1.0', pullPolicy: 'IfNotPresent' },
      kafka: { brokers: 'kafka:9092' },
      otlp: { endpoint: 'http://otel-collector:4318' },
      mesh: { enabled: false },
    },
    // one pod each and no HPA: kind has no metrics-server by default
    ...Object.fromEntries(specs.map((s) => [s.name, { replicas: 1, autoscaling: { enabled: false } }])),
  };
}

export function eksValues(specs: readonly WorkloadSpec[]) {
  const account = '123456789012';
  const region = 'eu-west-1';
  const cognitoIssuer = `https://cognito-idp.${region}.amazonaws.com/${region}_EXAMPLE`;
  return {
    global: {
      image: { registry: `${account}.dkr.ecr.${region}.amazonaws.com/bazaar`, tag: '0.1.0', pullPolicy: 'IfNotPresent' },
      otlp: {
        // chart bazaar-observability, installed in namespace observability
        endpoint: 'http://otel-collector.observability:4318',
        // xray: join the trace of an API Gateway with active tracing (X-Amzn-Trace-Id with Parent and Sampled);
        // a bare ALB header (Root only) is ignored by the propagator, so the gateway starts the trace
        propagators: 'tracecontext,baggage,xray',
        // follow the caller's decision (API Gateway / X-Ray sampling rules), sample 10% of the traces Bazaar starts
        sampler: 'parentbased_traceidratio',
        samplerArg: 0.1,
      },
      mesh: { enabled: true },
      kafka: {
        brokers: `b-1.bazaar.abc123.c2.kafka.${region}.amazonaws.com:9098,b-2.bazaar.abc123.c2.kafka.${region}.amazonaws.com:9098`,
        tls: true,
        auth: { mechanism: 'iam', secretName: '' },
        awsRegion: region,
        // acks=all only means something with replicas: MSK's default for a 3-AZ cluster
        replicationFactor: 3,
      },
      networkPolicy: { externalCidr: '10.0.0.0/16' },
      // the Amazon RDS CA bundle (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem), for sslmode=verify-full
      caBundle: { configMapName: 'rds-ca-bundle', key: 'global-bundle.pem' },
    },
    ...Object.fromEntries(
      specs.map((s) => [
        s.name,
        {
          serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::${account}:role/bazaar-${s.name}` } },
          ...(s.entry.datastores.includes('postgres') ? { database: { secretName: `${s.name}-rds`, secretKey: 'url' } } : {}),
          ...(s.entry.datastores.includes('redis') ? { redis: { secretName: `${s.name}-elasticache`, secretKey: 'url' } } : {}),
          // the user pool's issuer and JWKS; audience: the app client id (ID tokens' aud)
          // an internet-facing ALB (AWS Load Balancer Controller) straight to the pods, TLS with an ACM certificate
          ...(s.kubernetes.edge
            ? {
                ingress: {
                  enabled: true,
                  className: 'alb',
                  host: 'shop.example.com',
                  annotations: {
                    'alb.ingress.kubernetes.io/scheme': 'internet-facing',
                    'alb.ingress.kubernetes.io/target-type': 'ip',
                    'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
                    'alb.ingress.kubernetes.io/certificate-arn': `arn:aws:acm:${region}:${account}:certificate/00000000-0000-0000-0000-000000000000`,
                    'alb.ingress.kubernetes.io/healthcheck-path': s.entry.readiness.path,
                  },
                },
              }
            : {}),
          ...(s.kubernetes.verifiesTokens ? { auth: { jwksUrl: `${cognitoIssuer}/.well-known/jwks.json`, issuer: cognitoIssuer, audience: 'example-app-client-id' } } : {}),
        },
      ]),
    ),
  };
}
