import { k8s } from 'cdk8s-plus-34';
import type { Construct } from 'constructs';
import { tpl } from '../helm/expr.js';
import { standardLabels } from '../labels.js';
import { restrictedContainerSecurity, restrictedPodSecurity, tmpMount, tmpVolume } from './security.js';
import type { WorkloadSpec } from './spec.js';

/**
 * `helm test`: a pod from the service's own image (no extra image to pin)
 * asks the service's health port for /readyz through its Service.
 */
export function healthTest(scope: Construct, spec: WorkloadSpec): void {
  const url = `http://${spec.name}:${spec.healthPort.port}${spec.entry.readiness.path}`;
  const check = `fetch(${JSON.stringify(url)}).then(r=>{console.log(r.status);process.exit(r.ok?0:1)},e=>{console.error(e.message);process.exit(1)})`;
  new k8s.KubePod(scope, 'health-test', {
    metadata: {
      name: `${spec.name}-health-test`,
      labels: { ...standardLabels(`${spec.name}-health-test`, 'test'), 'bazaar.dev/health-check': 'true' },
      annotations: { 'helm.sh/hook': 'test', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' },
    },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      securityContext: restrictedPodSecurity(),
      volumes: [tmpVolume],
      containers: [
        {
          name: 'readyz',
          image: tpl(`include "${spec.name}.image" .`),
          command: ['node', '-e', check],
          resources: {
            requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
            limits: { cpu: k8s.Quantity.fromString('200m'), memory: k8s.Quantity.fromString('128Mi') },
          },
          securityContext: restrictedContainerSecurity(),
          volumeMounts: [tmpMount],
        },
      ],
    },
  });
}
