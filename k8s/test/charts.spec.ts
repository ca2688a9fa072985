import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { services, type ServiceEntry } from '@bazaar/service-catalog';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCharts, synthCharts } from '../src/charts.js';
import { writeHelmChart } from '../src/helm/writer.js';
import { baselineViolations } from './baseline.js';
import { filesUnder, helm, helmError, parseManifests, repoRoot, scratchCharts } from './helm.js';
import { find, podSpecOf, type Manifest } from './manifests.js';
import { validateManifest } from './validate.js';

const committed = path.join(repoRoot, 'charts');
let fresh: string;
let scratch: string;
let kind: Manifest[];
let eks: Manifest[];

beforeAll(() => {
  fresh = mkdtempSync(path.join(os.tmpdir(), 'bazaar-synth-'));
  synthCharts(fresh);
  scratch = scratchCharts(fresh);
  const umbrella = path.join(scratch, 'bazaar');
  kind = parseManifests(
    helm(['template', 'bazaar', umbrella, '-n', 'bazaar', '-f', path.join(umbrella, 'values-kind.yaml')]) +
      '\n---\n' +
      helm(['template', 'platform', path.join(scratch, 'bazaar-platform'), '-n', 'bazaar']),
  );
  eks = parseManifests(helm(['template', 'bazaar', umbrella, '-n', 'bazaar', '-f', path.join(umbrella, 'values-eks.yaml')]));
});

afterAll(() => {
  for (const dir of [fresh, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Helm charts', () => {
  it('are committed fresh: charts/ equals what the cdk8s app synthesizes (run `npm run synth -w @bazaar/k8s`)', () => {
    expect(filesUnder(committed)).toEqual(filesUnder(fresh));
    for (const file of filesUnder(fresh)) {
      expect({ file, text: readFileSync(path.join(committed, file), 'utf8') }).toEqual({ file, text: readFileSync(path.join(fresh, file), 'utf8') });
    }
  });

  it('pass helm lint --strict, the umbrella with the kind and the EKS values too', () => {
    const charts = ['bazaar', 'bazaar-platform', ...services.map((s) => s.name)].map((c) => path.join(scratch, c));
    const out = helm(['lint', '--strict', ...charts]);
    expect(out).toMatch(new RegExp(`${charts.length} chart\\(s\\) linted, 0 chart\\(s\\) failed`));
    for (const env of ['kind', 'eks']) {
      helm(['lint', '--strict', path.join(scratch, 'bazaar'), '-f', path.join(scratch, 'bazaar', `values-${env}.yaml`)]);
    }
  });

  it('render objects valid against the Kubernetes and Istio schemas (kind and EKS)', async () => {
    expect(kind.length).toBeGreaterThan(20);
    for (const m of [...kind, ...eks]) await validateManifest(m);
  });

  it('meet the security baseline on every workload (kind and EKS)', () => {
    expect(baselineViolations(kind)).toEqual([]);
    expect(baselineViolations(eks)).toEqual([]);
  });

  it('install every service, with a helm test hook each', () => {
    for (const s of services) {
      expect(find(kind, 'Deployment', s.name)).toBeDefined();
      expect(find(kind, 'Pod', `${s.name}-health-test`).metadata['annotations']['helm.sh/hook']).toBe('test');
    }
  });

  it('follow the kind values: one replica, no HPA, no mesh', () => {
    expect(find(kind, 'Deployment', 'catalog')['spec'].replicas).toBe(1);
    expect(kind.filter((m) => m.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    expect(kind.filter((m) => m.apiVersion.includes('istio.io'))).toEqual([]);
    expect(find(kind, 'Deployment', 'catalog')['spec'].template.spec.containers[0].image).toBe('bazaar/catalog:0.1.0');
  });

  it('send traces on kind to the platform collector, which feeds Tempo, which Grafana reads', () => {
    expect(find(kind, 'ConfigMap', 'catalog-config')['data']['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe('http://otel-collector:4318');
    for (const name of ['otel-collector', 'tempo', 'grafana']) expect(find(kind, 'Deployment', name)).toBeDefined();
    expect(find(kind, 'ConfigMap', 'otel-collector-config')['data']['config.yaml']).toContain('endpoint: tempo:4317');
    expect(find(kind, 'ConfigMap', 'grafana-config')['data']['datasources.yaml']).toContain('url: http://tempo:3200');
    expect(find(kind, 'Service', 'grafana')['spec'].ports[0].port).toBe(3000);
  });

  it('follow the EKS values: ECR images, HPA without a fixed replica count, IRSA, RDS secret, external egress', () => {
    const catalog = find(eks, 'Deployment', 'catalog');
    expect(catalog['spec'].replicas).toBeUndefined();
    expect(catalog['spec'].template.spec.containers[0].image).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/bazaar/catalog:0.1.0');
    expect(find(eks, 'HorizontalPodAutoscaler', 'catalog')['spec'].minReplicas).toBe(2);
    expect(find(eks, 'ServiceAccount', 'catalog').metadata['annotations']['eks.amazonaws.com/role-arn']).toMatch(/role\/bazaar-catalog$/);
    const env = catalog['spec'].template.spec.containers[0].env;
    expect(env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({ name: 'catalog-rds', key: 'url' });
    expect(find(eks, 'NetworkPolicy', 'catalog-external')['spec'].egress[0].to).toEqual([{ ipBlock: { cidr: '10.0.0.0/16' } }]);
    // EKS Pod Identity hands out credentials from the node agent at 169.254.170.23:80
    expect(find(eks, 'NetworkPolicy', 'catalog-external')['spec'].egress[1]).toEqual({ to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ protocol: 'TCP', port: 80 }] });
    expect(find(eks, 'ConfigMap', 'catalog-config')['data']['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe('http://otel-collector.observability:4318');
    // X-Ray propagation for traffic from an API Gateway with active tracing; its sampling decision is followed
    expect(find(eks, 'ConfigMap', 'catalog-config')['data']).toMatchObject({ OTEL_PROPAGATORS: 'tracecontext,baggage,xray', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' });
    expect(find(kind, 'ConfigMap', 'catalog-config')['data']).toMatchObject({ OTEL_PROPAGATORS: 'tracecontext,baggage', OTEL_TRACES_SAMPLER: 'parentbased_always_on' });
  });

  it('create topics replicated three ways on MSK and once on the single kind broker', () => {
    for (const service of ['orders', 'inventory', 'payments', 'shipping', 'analytics', 'gateway']) {
      expect(find(eks, 'ConfigMap', `${service}-config`)['data']['KAFKA_REPLICATION_FACTOR']).toBe('3');
      expect(find(kind, 'ConfigMap', `${service}-config`)['data']['KAFKA_REPLICATION_FACTOR']).toBe('1');
    }
  });

  it('give the gateway a token issuer: a dev key from a generated Secret on kind, the user pool\'s JWKS on EKS', () => {
    // kind: one key for every replica, from a Secret the chart creates, mounted read-only where the config points
    const secret = find(kind, 'Secret', 'gateway-dev-key');
    expect(Buffer.from(secret['data']['private.pem'], 'base64').toString()).toMatch(/^-----BEGIN EC PRIVATE KEY-----/);
    const pod = podSpecOf(find(kind, 'Deployment', 'gateway'));
    const mount = pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'auth-key');
    expect(mount).toEqual({ name: 'auth-key', mountPath: '/var/run/bazaar/auth', readOnly: true });
    expect(pod.volumes.find((v: { name: string }) => v.name === 'auth-key').secret.secretName).toBe('gateway-dev-key');
    const kindConfig = find(kind, 'ConfigMap', 'gateway-config')['data'];
    expect(kindConfig).toMatchObject({ AUTH_LOCAL_KEY_FILE: '/var/run/bazaar/auth/private.pem', AUTH_ISSUER: 'bazaar-local', AUTH_AUDIENCE: 'bazaar' });
    expect(kindConfig['AUTH_JWKS_URL']).toBeUndefined();
    expect(kind.some((o) => o.metadata.name === 'gateway-token-issuer')).toBe(false);
    // no other service gets a key
    expect(kind.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).not.toContain('catalog-dev-key');

    // EKS: the issuer's JWKS, fetched over HTTPS (its own egress rule); no dev key anywhere
    expect(find(eks, 'ConfigMap', 'gateway-config')['data']).toMatchObject({
      AUTH_JWKS_URL: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE/.well-known/jwks.json',
      AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE',
    });
    expect(find(eks, 'ConfigMap', 'gateway-config')['data']['AUTH_LOCAL_KEY_FILE']).toBeUndefined();
    expect(eks.some((o) => o.kind === 'Secret' && o.metadata.name === 'gateway-dev-key')).toBe(false);
    expect(podSpecOf(find(eks, 'Deployment', 'gateway')).volumes.map((v: { name: string }) => v.name)).not.toContain('auth-key');
    expect(find(eks, 'NetworkPolicy', 'gateway-token-issuer')['spec'].egress).toEqual([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
  });

  it('trust the CA bundle named by global.caBundle in every service (EKS: the Amazon RDS bundle), nothing extra on kind', () => {
    for (const { name } of services) {
      const pod = podSpecOf(find(eks, 'Deployment', name));
      expect(pod.volumes).toContainEqual({ name: 'ca-bundle', configMap: { name: 'rds-ca-bundle' } });
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'ca-bundle', mountPath: '/etc/bazaar/ca', readOnly: true });
      expect(find(eks, 'ConfigMap', `${name}-config`)['data']['NODE_EXTRA_CA_CERTS']).toBe('/etc/bazaar/ca/global-bundle.pem');
      expect(podSpecOf(find(kind, 'Deployment', name)).volumes.map((v: { name: string }) => v.name)).not.toContain('ca-bundle');
      expect(find(kind, 'ConfigMap', `${name}-config`)['data']['NODE_EXTRA_CA_CERTS']).toBeUndefined();
    }
  });

  it('expose the gateway through an ALB Ingress on EKS and nothing on kind', () => {
    expect(kind.some((o) => o.kind === 'Ingress')).toBe(false);
    expect(eks.filter((o) => o.kind === 'Ingress').map((o) => o.metadata.name)).toEqual(['gateway']);
    const ingress = find(eks, 'Ingress', 'gateway');
    expect(ingress['spec']).toEqual({
      ingressClassName: 'alb',
      // the API and its docs only: /metrics and the probes are not published through the load balancer
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: ['/api', '/docs'].map((path) => ({ path, pathType: 'Prefix', backend: { service: { name: 'gateway', port: { name: 'http' } } } })),
          },
        },
      ],
    });
    expect(ingress.metadata['annotations']).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/healthcheck-path': '/readyz',
    });
    // the ALB reaches the pods directly: the gateway's NetworkPolicy admits its serving port from anywhere
    const admitted = find(eks, 'NetworkPolicy', 'gateway')['spec'].ingress[0];
    expect(admitted).toEqual({ ports: [{ protocol: 'TCP', port: 8080 }] });
  });

  it('turn on Istio with the mesh value: STRICT mTLS, a DestinationRule per service, retries only for idempotent RPCs, traces to the collector', () => {
    expect(find(eks, 'PeerAuthentication', 'default')['spec'].mtls.mode).toBe('STRICT');
    // only the health/metrics port accepts plaintext (helm test pods, scrapers); the gRPC port stays STRICT
    expect(find(eks, 'PeerAuthentication', 'catalog')['spec']).toMatchObject({ mtls: { mode: 'STRICT' }, portLevelMtls: { 9101: { mode: 'PERMISSIVE' } } });
    expect(find(eks, 'Telemetry', 'default')['spec'].tracing[0].providers).toEqual([{ name: 'otel' }]);
    for (const s of services) expect(find(eks, 'DestinationRule', s.name)['spec'].trafficPolicy.outlierDetection).toBeDefined();
    const routes = find(eks, 'VirtualService', 'catalog')['spec'].http;
    // from the protos' idempotency_level: reads, and writes the service makes idempotent (a cart line set, an order per key)
    expect(routes[0].match.map((m: { uri: { exact: string } }) => m.uri.exact)).toEqual([
      '/bazaar.catalog.v1.CatalogService/GetProduct',
      '/bazaar.catalog.v1.CatalogService/ListProducts',
      '/bazaar.catalog.v1.CatalogService/SearchProducts',
    ]);
    const ordersRetried = find(eks, 'VirtualService', 'orders')['spec'].http[0].match.map((m: { uri: { exact: string } }) => m.uri.exact);
    expect(ordersRetried).toContain('/bazaar.orders.v1.OrderService/PlaceOrder');
    expect(find(eks, 'VirtualService', 'payments')['spec'].http).toEqual([expect.objectContaining({ name: 'default', retries: { attempts: 0 } })]);
    // one extra try where no server saw the call, no per-try timeout: UNAVAILABLE answers are the client's to retry
    expect(routes[0].retries).toEqual({ attempts: 1, retryOn: 'connect-failure,refused-stream' });
    expect(routes.at(-1)).toMatchObject({ name: 'default', retries: { attempts: 0 } });
    expect(find(eks, 'Deployment', 'catalog')['spec'].template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
  });

  it('reject bad values with the offending path', () => {
    const umbrella = path.join(scratch, 'bazaar');
    expect(helmError(['template', 'x', umbrella, '--set', 'global.image.tag=latest'])).toMatch(/\/global\/image\/tag/);
    expect(helmError(['template', 'x', umbrella, '--set', 'catalog.autoscaling.minReplicas=1'])).toMatch(/\/autoscaling\/minReplicas/);
    expect(helmError(['template', 'x', umbrella, '--set', 'catalog.replica=3'])).toMatch(/replica/);
    expect(helmError(['template', 'x', umbrella, '--set', 'global.otlp.propagators=b3'])).toMatch(/\/global\/otlp\/propagators/);
    expect(helmError(['template', 'x', umbrella, '--set', 'gateway.auth.jwksUrl=http://issuer.example/jwks'])).toMatch(/\/auth\/jwksUrl/);
    // a variable the chart sets itself would render twice: its own value says how
    expect(helmError(['template', 'x', umbrella, '--set', 'catalog.env.LOG_LEVEL=debug'])).toMatch(/catalog:\n.*invalid propertyName 'LOG_LEVEL'/);
    expect(helmError(['template', 'x', umbrella, '--set', 'gateway.env.AUTH_ISSUER=x'])).toMatch(/invalid propertyName 'AUTH_ISSUER'/);
    expect(helmError(['template', 'x', umbrella, '--set', 'orders.env.GRPC_PORT=1'])).toMatch(/invalid propertyName 'GRPC_PORT'/);
    const rendered = parseManifests(helm(['template', 'x', umbrella, '--set-string', 'orders.env.STEP_TIMEOUT_MS=30000', '--set', 'catalog.logLevel=debug']));
    expect(find(rendered, 'ConfigMap', 'orders-config')['data']).toMatchObject({ STEP_TIMEOUT_MS: '30000', LOG_LEVEL: 'info' });
    expect(find(rendered, 'ConfigMap', 'catalog-config')['data']['LOG_LEVEL']).toBe('debug');
  });
});

describe('Kafka settings (MSK TLS with SCRAM or IAM)', () => {
  const events: ServiceEntry = {
    ...services.find((s) => s.name === 'catalog')!,
    name: 'events' as ServiceEntry['name'],
    path: 'apps/events',
    ports: [
      { name: 'grpc', port: 50099, protocol: 'grpc', env: 'GRPC_PORT' },
      { name: 'admin', port: 9199, protocol: 'http', env: 'ADMIN_PORT' },
    ],
    calls: [],
    kubernetes: { ...services.find((s) => s.name === 'catalog')!.kubernetes!, kafka: true },
  };
  let chart: string;
  beforeAll(() => {
    chart = mkdtempSync(path.join(os.tmpdir(), 'bazaar-kafka-chart-'));
    writeHelmChart(chart, buildCharts([...services, events]).get('events')!);
  });
  afterAll(() => rmSync(chart, { recursive: true, force: true }));

  const render = (...sets: string[]) => {
    const objects = parseManifests(helm(['template', 'x', chart, ...sets.flatMap((s) => ['--set', s])]));
    const container = find(objects, 'Deployment', 'events')['spec'].template.spec.containers[0];
    return { config: find(objects, 'ConfigMap', 'events-config')['data'] as Record<string, string>, env: container.env as { name: string; valueFrom?: unknown }[] };
  };

  it('kind: plaintext, no SASL', () => {
    const { config, env } = render();
    expect(config).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', KAFKA_SSL: 'false' });
    expect(config['KAFKA_SASL_MECHANISM']).toBeUndefined();
    expect(env.map((e) => e.name)).not.toContain('KAFKA_SASL_PASSWORD');
  });

  it('without a collector: spans are not exported, but tracing stays on for log trace ids and propagation', () => {
    const { config } = render();
    expect(config).toMatchObject({ OTEL_TRACES_EXPORTER: 'none', OTEL_PROPAGATORS: 'tracecontext,baggage' });
    expect(config['OTEL_SDK_DISABLED']).toBeUndefined();
    expect(render('global.otlp.endpoint=http://collector:4318').config['OTEL_TRACES_EXPORTER']).toBeUndefined();
  });

  it('MSK SCRAM: TLS, mechanism in config, credentials only from the named Secret', () => {
    const { config, env } = render('global.kafka.tls=true', 'global.kafka.auth.mechanism=scram-sha-512', 'global.kafka.auth.secretName=msk-scram');
    expect(config).toMatchObject({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512' });
    expect(JSON.stringify(config)).not.toMatch(/password/i);
    expect(env.find((e) => e.name === 'KAFKA_SASL_PASSWORD')!.valueFrom).toEqual({ secretKeyRef: { name: 'msk-scram', key: 'password' } });
    expect(helmError(['template', 'x', chart, '--set', 'global.kafka.auth.mechanism=scram-sha-512'])).toMatch(/secretName is required with SCRAM/);
  });

  it('MSK IAM: OAUTHBEARER signed with the pod role, region required, no credentials', () => {
    const { config, env } = render('global.kafka.tls=true', 'global.kafka.auth.mechanism=iam', 'global.kafka.awsRegion=eu-west-1');
    expect(config).toMatchObject({ KAFKA_SASL_MECHANISM: 'aws-msk-iam', AWS_REGION: 'eu-west-1' });
    expect(env.map((e) => e.name)).not.toContain('KAFKA_SASL_USERNAME');
    expect(helmError(['template', 'x', chart, '--set', 'global.kafka.auth.mechanism=iam'])).toMatch(/awsRegion is required/);
  });
});
