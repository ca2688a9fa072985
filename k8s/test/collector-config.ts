/** Structural checks of an OpenTelemetry Collector configuration, short of running the collector. */

type Section = Record<string, Record<string, unknown> | null>;
export interface CollectorConfig {
  receivers?: Section;
  processors?: Section;
  exporters?: Section;
  connectors?: Section;
  extensions?: Section;
  service: { extensions?: string[]; pipelines: Record<string, { receivers?: string[]; processors?: string[]; exporters?: string[] }> };
}

/** Component types of otel/opentelemetry-collector-contrib this repository relies on. */
export const KNOWN_TYPES = {
  receivers: ['otlp', 'prometheus'],
  processors: ['memory_limiter', 'batch', 'resource'],
  exporters: ['otlp', 'otlphttp', 'prometheusremotewrite'],
  extensions: ['health_check', 'sigv4auth'],
} as const;

const typeOf = (id: string) => id.split('/')[0]!;

/** Every problem found: undefined or unused components, unknown types, dangling authenticators. */
export function collectorProblems(config: CollectorConfig): string[] {
  const problems: string[] = [];
  const pipelines = Object.entries(config.service?.pipelines ?? {});
  if (pipelines.length === 0) problems.push('no pipelines');
  const used = { receivers: new Set<string>(), processors: new Set<string>(), exporters: new Set<string>() };
  for (const [name, pipeline] of pipelines) {
    if (!['traces', 'metrics', 'logs'].includes(typeOf(name))) problems.push(`pipeline ${name}: unknown signal`);
    for (const kind of ['receivers', 'exporters'] as const) {
      if (!pipeline[kind]?.length) problems.push(`pipeline ${name}: no ${kind}`);
    }
    for (const kind of ['receivers', 'processors', 'exporters'] as const) {
      for (const id of pipeline[kind] ?? []) {
        used[kind].add(id);
        if (!(id in (config[kind] ?? {})) && !(id in (config.connectors ?? {}))) problems.push(`pipeline ${name}: ${kind.slice(0, -1)} ${id} is not defined`);
      }
    }
  }
  for (const kind of ['receivers', 'processors', 'exporters'] as const) {
    for (const id of Object.keys(config[kind] ?? {})) {
      if (!used[kind].has(id)) problems.push(`${kind.slice(0, -1)} ${id} is defined but in no pipeline`);
      if (!(KNOWN_TYPES[kind] as readonly string[]).includes(typeOf(id))) problems.push(`${kind.slice(0, -1)} ${id}: unknown type`);
    }
  }
  const extensions = Object.keys(config.extensions ?? {});
  const enabled = config.service.extensions ?? [];
  for (const id of enabled) if (!extensions.includes(id)) problems.push(`extension ${id} is enabled but not defined`);
  for (const id of extensions) {
    if (!enabled.includes(id)) problems.push(`extension ${id} is defined but not enabled`);
    if (!(KNOWN_TYPES.extensions as readonly string[]).includes(typeOf(id))) problems.push(`extension ${id}: unknown type`);
  }
  for (const kind of ['receivers', 'exporters'] as const) {
    for (const [id, body] of Object.entries(config[kind] ?? {})) {
      const authenticator = (body as { auth?: { authenticator?: string } } | null)?.auth?.authenticator;
      if (authenticator && !enabled.includes(authenticator)) problems.push(`${id}: authenticator ${authenticator} is not an enabled extension`);
    }
  }
  return problems;
}

/** The extension an exporter authenticates with. */
export function authenticatorOf(config: CollectorConfig, exporter: string): Record<string, unknown> {
  const id = (config.exporters?.[exporter] as { auth?: { authenticator?: string } })?.auth?.authenticator ?? '';
  return (config.extensions?.[id] ?? {}) as Record<string, unknown>;
}
