import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { tpl, val } from '../helm/expr.js';
import { restrictedContainerSecurity, restrictedPodSecurity, tmpMount, tmpVolume } from '../workload/security.js';
import { execProbe, platformLabels, platformSelector, resources, serviceAndBudget, tcpProbe } from './common.js';

/** The postgres user of the official alpine image. */
const POSTGRES_UID = 70;

/** Creates one login role and one database per service, owned by that role. */
export function initScript(databases: readonly string[]): string {
  const statements = databases.flatMap((db) => [
    `CREATE ROLE "${db}" LOGIN PASSWORD :'password';`,
    `CREATE DATABASE "${db}" OWNER "${db}";`,
  ]);
  return ['#!/bin/sh', 'set -e', `psql -v ON_ERROR_STOP=1 -v password="$POSTGRES_PASSWORD" --username postgres <<'SQL'`, ...statements, 'SQL', ''].join('\n');
}

/**
 * PostgreSQL for kind: one database per service that owns data, each with
 * its own role and a `<service>-db` Secret holding the DATABASE_URL the
 * service chart reads. The password comes from values (dev only).
 */
export class PostgresPlatform extends Construct {
  constructor(scope: Construct, id: string, databases: readonly string[]) {
    super(scope, id);
    const name = 'postgres';
    new k8s.KubeSecret(this, 'admin', {
      metadata: { name: 'postgres-admin', labels: platformLabels(name) },
      stringData: { password: val('postgres.password') },
    });
    for (const db of databases) {
      new k8s.KubeSecret(this, `url-${db}`, {
        metadata: { name: `${db}-db`, labels: platformLabels(name) },
        stringData: { url: `postgres://${db}:${tpl('.Values.postgres.password | urlquery')}@${name}:5432/${db}` },
      });
    }
    new k8s.KubeConfigMap(this, 'init', {
      metadata: { name: 'postgres-init', labels: platformLabels(name) },
      data: { 'init-databases.sh': initScript(databases) },
    });
    new k8s.KubeStatefulSet(this, 'statefulset', {
      metadata: { name, labels: platformLabels(name) },
      spec: {
        serviceName: name,
        replicas: 1,
        selector: { matchLabels: platformSelector(name) },
        template: {
          metadata: { labels: platformLabels(name) },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurity(POSTGRES_UID),
            containers: [
              {
                name,
                image: val('images.postgres'),
                ports: [{ name: 'postgres', containerPort: 5432 }],
                env: [
                  { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres-admin', key: 'password' } } },
                  { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
                ],
                resources: resources(['100m', '1'], ['256Mi', '512Mi']),
                securityContext: restrictedContainerSecurity(POSTGRES_UID),
                volumeMounts: [
                  { name: 'data', mountPath: '/var/lib/postgresql/data' },
                  { name: 'run', mountPath: '/var/run/postgresql' },
                  { name: 'init', mountPath: '/docker-entrypoint-initdb.d', readOnly: true },
                  tmpMount,
                ],
                startupProbe: execProbe(['pg_isready', '-h', '127.0.0.1', '-U', 'postgres'], 2, 60),
                readinessProbe: execProbe(['pg_isready', '-h', '127.0.0.1', '-U', 'postgres'], 5, 3),
                livenessProbe: tcpProbe(5432, 10, 6),
              },
            ],
            volumes: [{ name: 'run', emptyDir: {} }, { name: 'init', configMap: { name: 'postgres-init' } }, tmpVolume],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: k8s.Quantity.fromString('2Gi') } } },
          },
        ],
      },
    });
    serviceAndBudget(this, name, 5432);
  }
}
