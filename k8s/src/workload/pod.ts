import { k8s } from 'cdk8s-plus-34';
import { quoted, splice, tpl, val } from '../helm/expr.js';
import { scrapeAnnotations } from '../observability/scrape.js';
import { restrictedContainerSecurity, restrictedPodSecurity, tmpMount, tmpVolume } from './security.js';
import type { WorkloadSpec } from './spec.js';
import { caBundleMounts, caBundleVolumes } from './ca-bundle.js';
import { tokenAuthMounts, tokenAuthVolumes } from './token-auth.js';

const fieldRef = (name: string, fieldPath: string): k8s.EnvVar => ({ name, valueFrom: { fieldRef: { fieldPath } } });

/**
 * Probes. gRPC services are probed natively through grpc.health.v1 (their
 * serving status is readiness); liveness asks the admin port's /healthz, so a
 * pod that only lost a dependency is taken out of rotation, not restarted.
 */
export function probes(spec: WorkloadSpec): Pick<k8s.Container, 'startupProbe' | 'readinessProbe' | 'livenessProbe'> {
  const health = (path: string) => ({ httpGet: { path, port: k8s.IntOrString.fromString(spec.healthPort.name) } });
  const serving =
    spec.kind === 'grpc' ? { grpc: { port: spec.servingPort.port } } : health(spec.entry.readiness.path);
  return {
    // up to 60 s for migrations and JIT warm-up before liveness starts counting
    startupProbe: { ...serving, periodSeconds: 2, failureThreshold: 30, timeoutSeconds: 2 },
    readinessProbe: { ...serving, periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 },
    livenessProbe: { ...health('/healthz'), periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 3 },
  };
}

function env(spec: WorkloadSpec): k8s.EnvVar[] {
  const vars: k8s.EnvVar[] = [
    fieldRef('K8S_POD_NAME', 'metadata.name'),
    fieldRef('K8S_NAMESPACE', 'metadata.namespace'),
    fieldRef('K8S_NODE_NAME', 'spec.nodeName'),
  ];
  const secretUrl = (name: string, values: string): k8s.EnvVar => ({
    name,
    valueFrom: { secretKeyRef: { name: val(`${values}.secretName`), key: val(`${values}.secretKey`) } },
  });
  if (spec.entry.datastores.includes('postgres')) vars.push(secretUrl('DATABASE_URL', 'database'));
  if (spec.entry.datastores.includes('redis')) vars.push(secretUrl('REDIS_URL', 'redis'));
  vars.push({ name: splice(`include "${spec.name}.secretEnv" .`) });
  return vars;
}

export function podSpec(spec: WorkloadSpec): k8s.PodSpec {
  return {
    serviceAccountName: spec.name,
    automountServiceAccountToken: false,
    securityContext: restrictedPodSecurity(),
    // SHUTDOWN_DELAY_MS (5 s) + DRAIN_TIMEOUT_MS (10 s) + margin
    terminationGracePeriodSeconds: 30,
    enableServiceLinks: false,
    topologySpreadConstraints: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
      topologyKey,
      maxSkew: 1,
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { 'app.kubernetes.io/name': spec.name } },
      matchLabelKeys: ['pod-template-hash'],
    })),
    volumes: [tmpVolume, ...caBundleVolumes(spec), ...tokenAuthVolumes(spec)],
    containers: [
      {
        name: spec.name,
        image: tpl(`include "${spec.name}.image" .`),
        imagePullPolicy: val('global.image.pullPolicy'),
        ports: spec.entry.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })),
        envFrom: [{ configMapRef: { name: `${spec.name}-config` } }],
        env: env(spec),
        securityContext: restrictedContainerSecurity(),
        volumeMounts: [tmpMount, ...caBundleMounts(spec), ...tokenAuthMounts(spec)],
        ...probes(spec),
      },
    ],
  };
}

/** Plain configuration: ports, runtime settings, callee addresses (Secrets stay out). */
export function configData(spec: WorkloadSpec, addressOf: (callee: { name: string; port: number }) => [string, string]) {
  return {
    HOST: '0.0.0.0',
    NODE_ENV: 'production',
    // keep serving while endpoints and load balancers notice the pod left readiness
    SHUTDOWN_DELAY_MS: '5000',
    DRAIN_TIMEOUT_MS: '10000',
    OTEL_SERVICE_NAME: spec.name,
    ...Object.fromEntries(spec.entry.ports.map((p) => [p.env, String(p.port)])),
    ...Object.fromEntries(spec.callees.map(addressOf)),
    [splice(`include "${spec.name}.config" .`)]: '',
  };
}

export const podAnnotations = (spec: WorkloadSpec) => ({
  // roll the pods when their configuration changes
  'checksum/config': tpl(`include (print $.Template.BasePath "/configmap-${spec.name}-config.yaml") . | sha256sum`),
  // Prometheus (kind) and the collector (EKS) find /metrics through these
  ...scrapeAnnotations(spec.healthPort.port),
});

export const meshLabel = () => ({ 'sidecar.istio.io/inject': quoted('global.mesh.enabled') });
