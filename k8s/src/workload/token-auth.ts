import { k8s } from 'cdk8s-plus-34';
import type { Construct } from 'constructs';
import { onlyIf, splice, tpl, val } from '../helm/expr.js';
import { selectorLabels, standardLabels } from '../labels.js';
import { obj, str, type Schema } from './schema.js';
import type { WorkloadSpec } from './spec.js';

/**
 * Bearer-token verification of an edge service on Kubernetes. With `auth.jwksUrl` (EKS: Cognito or any
 * OIDC issuer) the service trusts that issuer. Without it (kind) it runs in embedded mode, but the key
 * pair comes from a Secret the chart generates once (Helm `genPrivateKey`, kept across upgrades by
 * `lookup`) and mounts read-only: every replica signs and verifies with the same key, and nothing is
 * written to the read-only root filesystem.
 */
const KEY_DIR = '/var/run/bazaar/auth';
const KEY_FILE = 'private.pem';

/** Without jwksUrl: the Secret holding the dev signing key (created by the chart, kept across upgrades). */
const devKeySecret = (service: string) => `${service}-dev-key`;

export const verifiesTokens = (spec: WorkloadSpec): boolean => spec.kubernetes.verifiesTokens === true;

export function tokenAuthValues() {
  return {
    /** JWKS of the token issuer, e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>/.well-known/jwks.json; empty = dev key. */
    jwksUrl: '',
    issuer: 'bazaar-local',
    audience: 'bazaar',
    /** With jwksUrl: where the issuer's JWKS may be fetched from (HTTPS egress); Cognito has no fixed addresses. */
    jwksEgressCidr: '0.0.0.0/0',
  };
}

export function tokenAuthSchema(): Schema {
  return obj(
    {
      jwksUrl: str('JWKS URL of the token issuer (https), or empty for the dev key', { pattern: '^(https://.+)?$' }),
      issuer: str('required "iss" claim, e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>', { minLength: 1 }),
      audience: str('required "aud" claim, e.g. the Cognito app client id', { minLength: 1 }),
      jwksEgressCidr: str('CIDR the JWKS may be fetched from', { pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$' }),
    },
    [],
  );
}

/** Named templates of the chart: ConfigMap entries, volume, mount and the dev key's content. */
export function tokenAuthHelpers(name: string): string {
  const secret = devKeySecret(name);
  return `
{{- define "${name}.authConfig" -}}
{{- if .Values.auth.jwksUrl }}
AUTH_JWKS_URL: {{ .Values.auth.jwksUrl | quote }}
{{- else }}
AUTH_LOCAL_KEY_FILE: "${KEY_DIR}/${KEY_FILE}"
{{- end }}
AUTH_ISSUER: {{ .Values.auth.issuer | quote }}
AUTH_AUDIENCE: {{ .Values.auth.audience | quote }}
{{- end -}}

{{- define "${name}.authVolumes" -}}
{{- if not .Values.auth.jwksUrl }}
- name: auth-key
  secret:
    secretName: ${secret}
    defaultMode: 0440
{{- end }}
{{- end -}}

{{- define "${name}.authMounts" -}}
{{- if not .Values.auth.jwksUrl }}
- name: auth-key
  mountPath: ${KEY_DIR}
  readOnly: true
{{- end }}
{{- end -}}

{{/* The dev key: the one already installed, else a new EC P-256 key (PEM, base64 for the Secret). */}}
{{- define "${name}.devKeyPem" -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace "${secret}" -}}
{{- if and $existing (hasKey ($existing.data | default dict) "${KEY_FILE}") -}}
{{- index $existing.data "${KEY_FILE}" -}}
{{- else -}}
{{- genPrivateKey "ecdsa" | b64enc -}}
{{- end -}}
{{- end -}}
`;
}

export const tokenAuthVolumes = (spec: WorkloadSpec): k8s.Volume[] =>
  verifiesTokens(spec) ? [{ name: splice(`include "${spec.name}.authVolumes" .`) }] : [];
export const tokenAuthMounts = (spec: WorkloadSpec): k8s.VolumeMount[] =>
    // a one-key item: the chart writer replaces its line with what the template renders
  verifiesTokens(spec) ? [{ name: splice(`include "${spec.name}.authMounts" .`) } as k8s.VolumeMount] : [];

/** The dev key Secret (no issuer configured) and the egress to the issuer's JWKS (issuer configured). */
export function tokenAuthObjects(scope: Construct, spec: WorkloadSpec): void {
  if (!verifiesTokens(spec)) return;
  onlyIf(
    new k8s.KubeSecret(scope, 'dev-key', {
      metadata: { name: devKeySecret(spec.name), labels: standardLabels(spec.name, 'dev-key') },
      type: 'Opaque',
      data: { [KEY_FILE]: tpl(`include "${spec.name}.devKeyPem" .`) },
    }),
    'not .Values.auth.jwksUrl',
  );
  onlyIf(
    new k8s.KubeNetworkPolicy(scope, 'network-policy-token-issuer', {
      metadata: { name: `${spec.name}-token-issuer`, labels: standardLabels(spec.name, 'network-policy') },
      spec: {
        podSelector: { matchLabels: selectorLabels(spec.name) },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: val('auth.jwksEgressCidr') } }], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(443) }] }],
      },
    }),
    '.Values.auth.jwksUrl',
  );
}
