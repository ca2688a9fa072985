import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { val } from '../helm/expr.js';
import { restrictedContainerSecurity, restrictedPodSecurity, tmpMount, tmpVolume } from '../workload/security.js';
import { execProbe, platformLabels, platformSelector, resources, serviceAndBudget, tcpProbe } from './common.js';

/** The redis user of the official alpine image. */
const REDIS_UID = 999;

/** Redis for kind: a cache, so no persistence. */
export class RedisPlatform extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'redis';
    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name, labels: platformLabels(name) },
      spec: {
        replicas: 1,
        selector: { matchLabels: platformSelector(name) },
        template: {
          metadata: { labels: platformLabels(name) },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurity(REDIS_UID),
            containers: [
              {
                name,
                image: val('images.redis'),
                args: ['--save', '', '--appendonly', 'no', '--maxmemory', '200mb', '--maxmemory-policy', 'allkeys-lru'],
                ports: [{ name: 'redis', containerPort: 6379 }],
                resources: resources(['50m', '500m'], ['128Mi', '256Mi']),
                securityContext: restrictedContainerSecurity(REDIS_UID),
                volumeMounts: [{ name: 'data', mountPath: '/data' }, tmpMount],
                startupProbe: tcpProbe(6379, 2, 15),
                readinessProbe: execProbe(['redis-cli', 'ping'], 5, 3),
                livenessProbe: tcpProbe(6379, 10, 3),
              },
            ],
            volumes: [{ name: 'data', emptyDir: {} }, tmpVolume],
          },
        },
      },
    });
    serviceAndBudget(this, name, 6379);
  }
}
