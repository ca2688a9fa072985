import type { TopicSpec } from '@bazaar/contracts';
import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { val } from '../helm/expr.js';
import { restrictedContainerSecurity, restrictedPodSecurity, tmpMount, tmpVolume } from '../workload/security.js';
import { platformLabels, platformSelector, resources, serviceAndBudget, tcpProbe } from './common.js';

/** apache/kafka runs as appuser (uid 1000). */
const KAFKA_UID = 1000;
const BOOTSTRAP = 'kafka:9092';

/**
 * Single-node Kafka in KRaft mode (broker + controller in one pod) for kind,
 * and a hook Job creating every topic of the topic catalog with its DLQ.
 */
export class KafkaPlatform extends Construct {
  constructor(scope: Construct, id: string, topics: readonly TopicSpec[]) {
    super(scope, id);
    const name = 'kafka';
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
            // service links would add KAFKA_PORT etc., which the image turns into broken broker settings
            enableServiceLinks: false,
            securityContext: restrictedPodSecurity(KAFKA_UID),
            containers: [
              {
                name,
                image: val('images.kafka'),
                ports: [
                  { name: 'broker', containerPort: 9092 },
                  { name: 'controller', containerPort: 9093 },
                ],
                env: Object.entries({
                  KAFKA_NODE_ID: '1',
                  KAFKA_PROCESS_ROLES: 'broker,controller',
                  KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
                  KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${BOOTSTRAP}`,
                  KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
                  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
                  KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
                  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
                  KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
                  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
                  KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
                  KAFKA_LOG_DIRS: '/var/lib/kafka/data',
                  KAFKA_HEAP_OPTS: '-Xms512m -Xmx512m',
                }).map(([envName, value]) => ({ name: envName, value })),
                resources: resources(['250m', '2'], ['1Gi', '1536Mi']),
                // the image renders its server.properties under /opt/kafka at start, so its root stays writable
                securityContext: restrictedContainerSecurity(KAFKA_UID, false),
                volumeMounts: [{ name: 'data', mountPath: '/var/lib/kafka/data' }, tmpMount],
                startupProbe: tcpProbe(9092, 3, 40),
                readinessProbe: tcpProbe(9092, 5, 3),
                livenessProbe: tcpProbe(9093, 10, 6),
              },
            ],
            volumes: [tmpVolume],
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
    serviceAndBudget(this, name, 9092);
    topicsJob(this, topics);
  }
}

/** Shell script creating each topic and its DLQ; idempotent (--if-not-exists). */
export function topicsScript(topics: readonly TopicSpec[]): string {
  const create = (topic: string, partitions: number, retentionMs: number) =>
    `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${BOOTSTRAP} --create --if-not-exists --topic ${topic} --partitions ${partitions} --replication-factor 1 --config retention.ms=${retentionMs}`;
  return [
    'set -e',
    `until /opt/kafka/bin/kafka-topics.sh --bootstrap-server ${BOOTSTRAP} --list >/dev/null; do echo waiting for kafka; sleep 3; done`,
    ...topics.flatMap((t) => [create(t.name, t.partitions, t.retentionMs), create(t.dlq, 1, t.retentionMs)]),
  ].join('\n');
}

function topicsJob(scope: Construct, topics: readonly TopicSpec[]): void {
  const name = 'kafka-topics';
  new k8s.KubeJob(scope, 'topics', {
    metadata: {
      name,
      labels: platformLabels(name),
      annotations: { 'helm.sh/hook': 'post-install,post-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' },
    },
    spec: {
      backoffLimit: 10,
      ttlSecondsAfterFinished: 600,
      template: {
        metadata: { labels: platformLabels(name) },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(KAFKA_UID),
          volumes: [tmpVolume],
          containers: [
            {
              name,
              image: val('images.kafka'),
              command: ['/bin/bash', '-c', topicsScript(topics)],
              env: [{ name: 'LOG_DIR', value: '/tmp' }],
              resources: resources(['100m', '1'], ['256Mi', '512Mi']),
              securityContext: restrictedContainerSecurity(KAFKA_UID),
              volumeMounts: [tmpMount],
            },
          ],
        },
      },
    },
  });
}
