import type { WorkloadSpec } from './workload/spec.js';

export function serviceNotes(spec: WorkloadSpec): string {
  return `{{ .Chart.Name }} {{ .Chart.AppVersion }} is installed in namespace {{ .Release.Namespace }}.

  Service:   ${spec.name}.{{ .Release.Namespace }}.svc (${spec.entry.ports.map((p) => `${p.name} ${p.port}`).join(', ')})
  Health:    kubectl -n {{ .Release.Namespace }} port-forward svc/${spec.name} ${spec.healthPort.port} && curl localhost:${spec.healthPort.port}${spec.entry.readiness.path}
  Check it:  helm test {{ .Release.Name }} -n {{ .Release.Namespace }}
{{- if .Values.global.mesh.enabled }}
  Mesh:      Istio sidecar injected; mTLS STRICT comes from the bazaar umbrella chart.
{{- end }}
`;
}

export function umbrellaNotes(names: string[]): string {
  return `Bazaar {{ .Chart.AppVersion }} is installed in namespace {{ .Release.Namespace }}: ${names.join(', ')}.

  Gateway:  kubectl -n {{ .Release.Namespace }} port-forward svc/gateway 8080 && open http://localhost:8080/api/products
  Health:   helm test {{ .Release.Name }} -n {{ .Release.Namespace }}
  Images:   {{ .Values.global.image.registry }}/<service>:{{ .Values.global.image.tag }}
{{- if .Values.global.mesh.enabled }}
  Mesh:     Istio on — PeerAuthentication STRICT, traces via the "otel" extension provider.
{{- end }}
`;
}

export const platformNotes = `Bazaar platform (kind/dev only) is installed in namespace {{ .Release.Namespace }}:
  Kafka:       kafka:9092 (KRaft, single node; topics created by the kafka-topics job)
  PostgreSQL:  postgres:5432 (one database and user per service; URLs in <service>-db Secrets)
  Redis:       redis:6379
  Traces:      otel-collector:4317/4318 -> tempo -> grafana:3000 (kubectl port-forward svc/grafana 3000)
  Metrics:     prometheus:9090 scrapes the services' /metrics (pods annotated prometheus.io/scrape); dashboards in Grafana folder Bazaar
Not for production: EKS uses MSK, RDS/Aurora and ElastiCache.
`;
