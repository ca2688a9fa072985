import { contractProtos } from '@bazaar/contracts';
import { loadIdempotentMethods } from '@bazaar/grpc';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { onlyIf, tpl } from '../helm/expr.js';
import { standardLabels } from '../labels.js';
import type { WorkloadSpec } from '../workload/spec.js';

let idempotentMethods: Set<string> | undefined;

/**
 * The service's RPCs its protos mark `idempotency_level` NO_SIDE_EFFECTS or IDEMPOTENT (package
 * `bazaar.<service>.v1`): the only ones the mesh retries, as the platform's gRPC client does.
 */
export function idempotentRpcsOf(service: string): string[] {
  idempotentMethods ??= loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs);
  return [...idempotentMethods].filter((method) => method.startsWith(`/bazaar.${service}.v1.`)).sort();
}

export const MESH_ENABLED = '.Values.global.mesh.enabled';
const host = (name: string) => `${name}.${tpl('.Release.Namespace')}.svc.cluster.local`;

/**
 * Istio objects of one service (rendered only with global.mesh.enabled):
 * a DestinationRule (mTLS, connection pool, outlier detection) and, for gRPC
 * services, a VirtualService that retries only the RPCs the catalog marks
 * idempotent; everything else gets no retries, so a write is never repeated.
 */
export function serviceMesh(scope: Construct, spec: WorkloadSpec): void {
  const labels = standardLabels(spec.name, 'mesh');
  onlyIf(
    new ApiObject(scope, 'destination-rule', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: spec.name, labels },
      spec: {
        host: host(spec.name),
        trafficPolicy: {
          tls: { mode: 'ISTIO_MUTUAL' },
          connectionPool: {
            tcp: { maxConnections: 200, connectTimeout: '2s' },
            http: { http2MaxRequests: 1000, maxRequestsPerConnection: 0, idleTimeout: '300s' },
          },
          outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
        },
      },
    }),
    MESH_ENABLED,
  );
  // STRICT like the namespace, except the health/metrics port: `helm test` pods and scrapers have no sidecar
  // (for an edge service that port also takes traffic from outside the mesh)
  onlyIf(
    new ApiObject(scope, 'peer-authentication', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: spec.name, labels },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': spec.name } },
        mtls: { mode: 'STRICT' },
        portLevelMtls: { [String(spec.healthPort.port)]: { mode: 'PERMISSIVE' } },
      },
    }),
    MESH_ENABLED,
  );
  if (spec.kind !== 'grpc') return;
  const route = [{ destination: { host: host(spec.name), port: { number: spec.servingPort.port } } }];
  const idempotent = idempotentRpcsOf(spec.name);
  onlyIf(
    new ApiObject(scope, 'virtual-service', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: spec.name, labels },
      spec: {
        hosts: [host(spec.name)],
        http: [
          ...(idempotent.length > 0
            ? [
                {
                  name: 'idempotent',
                  match: idempotent.map((rpc) => ({ uri: { exact: rpc } })),
                  route,
                  // One more try, on failures where no server saw the call (no connection, stream refused). UNAVAILABLE
                  // answers are the platform gRPC client's to retry (it does in every run mode): retrying them here too
                  // would multiply the layers' attempts, and a per-try timeout would cut calls the caller's deadline allows.
                  retries: { attempts: 1, retryOn: 'connect-failure,refused-stream' },
                },
              ]
            : []),
          { name: 'default', route, retries: { attempts: 0 } },
        ],
      },
    }),
    MESH_ENABLED,
  );
}

/** Namespace-wide mesh policy, installed once by the umbrella chart. */
export function namespaceMesh(scope: Construct): void {
  const labels = standardLabels('bazaar', 'mesh');
  onlyIf(
    new ApiObject(scope, 'peer-authentication', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', labels },
      spec: { mtls: { mode: 'STRICT' } },
    }),
    MESH_ENABLED,
  );
  onlyIf(
    new ApiObject(scope, 'telemetry', {
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: { name: 'default', labels },
      // "otel" is the extension provider istiod is installed with (docs/kubernetes.md), pointing at the collector
      spec: { tracing: [{ providers: [{ name: 'otel' }], randomSamplingPercentage: 100 }] },
    }),
    MESH_ENABLED,
  );
}
