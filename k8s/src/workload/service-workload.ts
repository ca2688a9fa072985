import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { afterSynth, block, num, onlyIf, splice } from '../helm/expr.js';
import { selectorLabels, standardLabels } from '../labels.js';
import { serviceMesh } from '../mesh/istio.js';
import { networkPolicies } from './network-policy.js';
import { configData, meshLabel, podAnnotations, podSpec } from './pod.js';
import { addressVar, type WorkloadSpec } from './spec.js';
import { ingressObjects } from './ingress.js';
import { tokenAuthObjects } from './token-auth.js';

/**
 * Everything one service needs on Kubernetes, from its service-catalog entry:
 * ConfigMap, ServiceAccount, Deployment, Service, HPA, PDB, NetworkPolicies
 * and (behind global.mesh.enabled) its Istio objects.
 */
export class ServiceWorkload extends Construct {
  constructor(scope: Construct, id: string, spec: WorkloadSpec) {
    super(scope, id);
    const labels = (component: string) => standardLabels(spec.name, component);
    const selector = selectorLabels(spec.name);

    new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: `${spec.name}-config`, labels: labels('config') },
      data: configData(spec, (callee) => [addressVar(callee.name), `${callee.name}:${callee.port}`]),
    });

    const serviceAccount = new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: { name: spec.name, labels: labels('service-account') },
      automountServiceAccountToken: false,
    });
    // IRSA: eks.amazonaws.com/role-arn (template markers go in as patches: the typed props would reshape them)
    afterSynth(serviceAccount, (m) => {
      m['metadata'][splice('dict "annotations" .Values.serviceAccount.annotations | toYaml')] = '';
    });

    const deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: spec.name, labels: labels('service') },
      spec: {
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'), maxUnavailable: k8s.IntOrString.fromNumber(0) },
        },
        template: {
          metadata: { labels: { ...labels('service'), ...meshLabel() }, annotations: podAnnotations(spec) },
          spec: podSpec(spec),
        },
      },
    });

    afterSynth(deployment, (m) => {
      // no replicas field when the HPA owns the count, so upgrades do not reset it
      m['spec'] = { [splice(`include "${spec.name}.replicas" .`)]: '', ...m['spec'] };
      m['spec'].template.spec.containers[0].resources = block('toYaml .Values.resources');
    });

    new k8s.KubeService(this, 'service', {
      metadata: { name: spec.name, labels: labels('service') },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: spec.entry.ports.map((p) => ({
          name: p.name,
          port: p.port,
          targetPort: k8s.IntOrString.fromString(p.name),
          protocol: 'TCP',
          appProtocol: p.protocol === 'grpc' ? 'grpc' : 'http',
        })),
      },
    });

    onlyIf(
      new k8s.KubeHorizontalPodAutoscalerV2(this, 'hpa', {
        metadata: { name: spec.name, labels: labels('autoscaler') },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: spec.name },
          minReplicas: num('autoscaling.minReplicas'),
          maxReplicas: num('autoscaling.maxReplicas'),
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: num('autoscaling.targetCPUUtilizationPercentage') } },
            },
          ],
        },
      }),
      '.Values.autoscaling.enabled',
    );

    // maxUnavailable 1 with at least 2 replicas (schema: autoscaling.minReplicas >= 2) keeps one pod serving during drains
    new k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata: { name: spec.name, labels: labels('disruption-budget') },
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
    });

    networkPolicies(this, spec);
    tokenAuthObjects(this, spec);
    ingressObjects(this, spec);
    serviceMesh(this, spec);
  }
}
