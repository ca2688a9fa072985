import { describe, expect, it } from '@jest/globals';
import { services, type ServiceEntry } from '@bazaar/service-catalog';
import { topicCatalog } from '@bazaar/contracts';
import { find, podSpecOf, synthesized, type Manifest } from './manifests.js';

const charts = synthesized();
const catalog = charts.get('catalog')!;
const gateway = charts.get('gateway')!;
const platform = charts.get('bazaar-platform')!;
const container = (o: Manifest) => podSpecOf(o).containers[0];

describe('ServiceWorkload (synthesized objects)', () => {
  it('makes one chart per catalog service plus the umbrella, the kind platform and the EKS collector', () => {
    expect([...charts.keys()].sort()).toEqual([...services.map((s) => s.name), 'bazaar', 'bazaar-platform', 'bazaar-observability'].sort());
    for (const s of services) {
      const kinds = charts.get(s.name)!.map((o) => o.kind);
      for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'ConfigMap']) {
        expect(kinds).toContain(kind);
      }
    }
  });

  it('names the gRPC port and declares appProtocol grpc', () => {
    const ports = find(catalog, 'Service', 'catalog')['spec'].ports;
    expect(ports).toContainEqual(expect.objectContaining({ name: 'grpc', port: 50051, appProtocol: 'grpc', targetPort: 'grpc' }));
    expect(ports).toContainEqual(expect.objectContaining({ name: 'admin', port: 9101, appProtocol: 'http' }));
  });

  it('probes gRPC natively for readiness and startup, HTTP /healthz for liveness', () => {
    const c = container(find(catalog, 'Deployment', 'catalog'));
    expect(c.readinessProbe.grpc).toEqual({ port: 50051 });
    expect(c.startupProbe.grpc).toEqual({ port: 50051 });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'admin' });
    const g = container(find(gateway, 'Deployment', 'gateway'));
    expect(g.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(g.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(g.startupProbe.httpGet.path).toBe('/readyz');
  });

  it('runs Pod Security "restricted" with a read-only root and a writable /tmp', () => {
    for (const d of [find(catalog, 'Deployment', 'catalog'), find(gateway, 'Deployment', 'gateway')]) {
      const pod = podSpecOf(d);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(container(d).securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        runAsNonRoot: true,
      });
      expect(container(d).volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      expect(pod.volumes).toContainEqual(expect.objectContaining({ name: 'tmp', emptyDir: expect.any(Object) }));
      expect(pod.topologySpreadConstraints.map((t: { topologyKey: string }) => t.topologyKey)).toEqual([
        'topology.kubernetes.io/zone',
        'kubernetes.io/hostname',
      ]);
    }
  });

  it('labels objects with app.kubernetes.io/* and selects pods by name and part-of only', () => {
    const d = find(catalog, 'Deployment', 'catalog');
    expect(Object.keys(d.metadata['labels'])).toEqual(
      expect.arrayContaining(['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/version', 'app.kubernetes.io/component', 'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by']),
    );
    expect(d['spec'].selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'catalog', 'app.kubernetes.io/part-of': 'bazaar' });
  });

  it('keeps the token unmounted and takes the IRSA annotation from values', () => {
    const sa = find(catalog, 'ServiceAccount', 'catalog');
    expect(sa['automountServiceAccountToken']).toBe(false);
    const marker = Object.keys(sa.metadata).find((k) => k.startsWith('__splice_'))!;
    expect(Buffer.from(marker.slice('__splice_'.length, -2), 'base64url').toString()).toContain('.Values.serviceAccount.annotations');
  });

  it('lets the PDB keep one pod while the HPA minimum is at least 2', () => {
    expect(find(catalog, 'PodDisruptionBudget', 'catalog')['spec'].maxUnavailable).toBe(1);
    for (const s of services) expect(s.kubernetes!.replicas.min).toBeGreaterThanOrEqual(2);
  });

  it('configures shutdown, addresses of callees and the downward API; secrets only by reference', () => {
    const config = find(gateway, 'ConfigMap', 'gateway-config')['data'];
    expect(config).toMatchObject({ SHUTDOWN_DELAY_MS: '5000', CATALOG_ADDRESS: 'catalog:50051', HTTP_PORT: '8080', HOST: '0.0.0.0' });
    const env = container(find(catalog, 'Deployment', 'catalog')).env as { name: string; valueFrom?: { secretKeyRef?: object } }[];
    expect(env.map((e) => e.name)).toEqual(expect.arrayContaining(['K8S_POD_NAME', 'K8S_NAMESPACE', 'K8S_NODE_NAME', 'DATABASE_URL']));
    expect(env.find((e) => e.name === 'DATABASE_URL')!.valueFrom!.secretKeyRef).toBeDefined();
  });

  describe('NetworkPolicy', () => {
    const policy = (objects: Manifest[], name: string) => find(objects, 'NetworkPolicy', name)['spec'];

    it('denies by default and admits only the callers the catalog lists on the gRPC port', () => {
      const p = policy(catalog, 'catalog');
      expect(p.policyTypes).toEqual(['Ingress', 'Egress']);
      const grpcRule = p.ingress.find((r: { ports: { port: number }[] }) => r.ports.some((port) => port.port === 50051));
      expect(grpcRule.from).toEqual([{ podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['cart', 'orders', 'gateway'] }] } }]);
    });

    it('opens the edge service port to everyone, egress to DNS, callees and the platform datastores it uses', () => {
      const p = policy(gateway, 'gateway');
      expect(p.ingress[0]).toEqual({ ports: [{ protocol: 'TCP', port: 8080 }] });
      const egressPorts = (q: typeof p) => q.egress.flatMap((r: { ports: { port: number }[] }) => r.ports.map((port) => port.port));
      expect(egressPorts(p)).toEqual(expect.arrayContaining([53, 50051, 4318]));
      expect(egressPorts(p)).not.toContain(5432);
      expect(egressPorts(policy(catalog, 'catalog'))).toEqual(expect.arrayContaining([53, 5432, 4317]));
    });
  });

  it('derives everything for a service added to the catalog later (Kafka, Redis, caller)', () => {
    const reviews: ServiceEntry = {
      name: 'reviews' as ServiceEntry['name'],
      description: 'test entry',
      path: 'apps/reviews',
      ports: [
        { name: 'grpc', port: 50058, protocol: 'grpc', env: 'GRPC_PORT' },
        { name: 'admin', port: 9108, protocol: 'http', env: 'ADMIN_PORT' },
      ],
      readiness: { port: 'admin', path: '/readyz' },
      calls: ['catalog'],
      datastores: ['postgres', 'redis'],
      embeddedEnv: {},
      kubernetes: { ...services[0]!.kubernetes!, kafka: true },
    };
    const more = synthesized([...services, reviews]);
    const objects = more.get('reviews')!;
    const env = container(find(objects, 'Deployment', 'reviews')).env.map((e: { name: string }) => e.name);
    expect(env).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL']));
    expect(find(objects, 'ConfigMap', 'reviews-config')['data']).toMatchObject({ CATALOG_ADDRESS: 'catalog:50051', GRPC_PORT: '50058' });
    const catalogIngress = find(more.get('catalog')!, 'NetworkPolicy', 'catalog')['spec'].ingress[0].from[0].podSelector.matchExpressions[0].values;
    expect(catalogIngress.sort()).toEqual(['cart', 'gateway', 'orders', 'reviews']);
    expect(find(more.get('bazaar-platform')!, 'Secret', 'reviews-db')).toBeDefined();
  });
});

describe('kind platform', () => {
  it('runs Kafka in KRaft mode from a pinned apache/kafka image', () => {
    const kafka = find(platform, 'StatefulSet', 'kafka');
    const env = Object.fromEntries(container(kafka).env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(podSpecOf(kafka).enableServiceLinks).toBe(false);
  });

  it('creates every catalog topic and its DLQ in a hook Job', () => {
    const job = find(platform, 'Job', 'kafka-topics');
    expect(job.metadata['annotations']['helm.sh/hook']).toBe('post-install,post-upgrade');
    const script = container(job).command[2] as string;
    for (const t of topicCatalog) {
      expect(script).toContain(`--topic ${t.name} --partitions ${t.partitions}`);
      expect(script).toContain(`--topic ${t.dlq} `);
    }
  });

  it('gives each service that owns data its own database, role and URL Secret', () => {
    const owners = services.filter((s) => s.datastores.includes('postgres')).map((s) => s.name);
    const init = find(platform, 'ConfigMap', 'postgres-init')['data']['init-databases.sh'] as string;
    for (const name of owners) {
      expect(init).toContain(`CREATE DATABASE "${name}" OWNER "${name}"`);
      expect(find(platform, 'Secret', `${name}-db`)['stringData'].url).toMatch(new RegExp(`^postgres://${name}:.*@postgres:5432/${name}$`));
    }
  });
});
