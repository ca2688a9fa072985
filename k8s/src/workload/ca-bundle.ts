import type { k8s } from 'cdk8s-plus-34';
import { splice } from '../helm/expr.js';
import type { WorkloadSpec } from './spec.js';

/**
 * Extra certificate authorities for outgoing TLS, e.g. the Amazon RDS bundle (its CAs are not in Node's
 * built-in list, so `sslmode=verify-full` to RDS fails without it). `global.caBundle.configMapName` names a
 * ConfigMap holding the PEM bundle; every service mounts it read-only and Node adds it to its trusted CAs
 * (NODE_EXTRA_CA_CERTS), for PostgreSQL, Redis, Kafka and HTTPS alike.
 */
const CA_DIR = '/etc/bazaar/ca';

export const caBundleValues = () => ({ configMapName: '', key: 'ca.pem' });

export function caBundleHelpers(name: string): string {
  return `
{{- define "${name}.caBundleVolumes" -}}
{{- with .Values.global.caBundle.configMapName }}
- name: ca-bundle
  configMap:
    name: {{ . }}
{{- end }}
{{- end -}}

{{- define "${name}.caBundleMounts" -}}
{{- if .Values.global.caBundle.configMapName }}
- name: ca-bundle
  mountPath: ${CA_DIR}
  readOnly: true
{{- end }}
{{- end -}}
`;
}

/** ConfigMap entry (inside the chart's config template). */
export const caBundleConfig = () => `{{- if .Values.global.caBundle.configMapName }}
NODE_EXTRA_CA_CERTS: {{ printf "${CA_DIR}/%s" .Values.global.caBundle.key | quote }}
{{- end }}
`;

export const caBundleVolumes = (spec: WorkloadSpec): k8s.Volume[] => [{ name: splice(`include "${spec.name}.caBundleVolumes" .`) }];
// a one-key item: the chart writer replaces its line with what the template renders
export const caBundleMounts = (spec: WorkloadSpec): k8s.VolumeMount[] => [{ name: splice(`include "${spec.name}.caBundleMounts" .`) } as k8s.VolumeMount];
