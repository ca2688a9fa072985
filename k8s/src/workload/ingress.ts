import { k8s } from 'cdk8s-plus-34';
import type { Construct } from 'constructs';
import { afterSynth, block, onlyIf, splice, val } from '../helm/expr.js';
import { standardLabels } from '../labels.js';
import { obj, str, type Schema } from './schema.js';
import type { WorkloadSpec } from './spec.js';

/**
 * How users reach an edge service from outside the cluster: an Ingress, off by default (kind forwards a
 * port). On EKS the AWS Load Balancer Controller turns it into an ALB (class `alb`, its settings as
 * `alb.ingress.kubernetes.io/*` annotations: scheme, target type, certificate, health check).
 */
export const isEdge = (spec: WorkloadSpec): boolean => spec.kubernetes.edge === true;

export function ingressValues() {
  return { enabled: false, className: 'alb', host: '', annotations: {} };
}

export function ingressSchema(): Schema {
  return obj(
    {
      enabled: { type: 'boolean' },
      className: str('IngressClass, e.g. alb (AWS Load Balancer Controller) or nginx', { minLength: 1 }),
      host: str('host name to match, or empty for any', { pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$' }),
      annotations: { type: 'object', additionalProperties: { type: 'string' } },
    },
    [],
  );
}

/** The rules: the service's public path prefixes (all of it when it names none), for `ingress.host` or any host. */
export function ingressHelpers(spec: WorkloadSpec): string {
  const paths = (spec.kubernetes.publicPaths ?? ['/']).map(
    (path) => `      - path: ${JSON.stringify(path)}
        pathType: Prefix
        backend:
          service:
            name: ${spec.name}
            port:
              name: ${spec.servingPort.name}
`,
  );
  return `
{{- define "${spec.name}.ingressRules" -}}
- http:
    paths:
${paths.join('')}  {{- with .Values.ingress.host }}
  host: {{ . | quote }}
  {{- end }}
{{- end -}}
`;
}

export function ingressObjects(scope: Construct, spec: WorkloadSpec): void {
  if (!isEdge(spec)) return;
  const ingress = onlyIf(
    new k8s.KubeIngress(scope, 'ingress', {
      metadata: { name: spec.name, labels: standardLabels(spec.name, 'ingress') },
      spec: { ingressClassName: val('ingress.className') },
    }),
    '.Values.ingress.enabled',
  );
  afterSynth(ingress, (m) => {
    m['metadata'][splice('dict "annotations" .Values.ingress.annotations | toYaml')] = '';
    m['spec'].rules = block(`include "${spec.name}.ingressRules" .`);
  });
}
