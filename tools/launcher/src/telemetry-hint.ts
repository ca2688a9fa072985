import type { ServiceSpec } from './service-spec.js';

/** Where a developer finds traces, metrics and logs of what `npm start` runs. */
export function telemetryHint(specs: readonly ServiceSpec[], env: NodeJS.ProcessEnv, logDir: string, localTraceFile?: string): string[] {
  const otlp = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const traces =
    env['OTEL_SDK_DISABLED'] === 'true'
      ? 'off (OTEL_SDK_DISABLED=true)'
      : localTraceFile
        ? `kept in ${localTraceFile} — \`npm run trace -- <order id>\` prints a checkout's waterfall (set OTEL_EXPORTER_OTLP_ENDPOINT to use a collector instead)`
        : otlp
          ? `OTLP/HTTP to ${otlp}`
          : 'not exported — set OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 to send them to a collector; trace ids are in every log line';
  const metrics = specs.flatMap((spec) => {
    const port = spec.ports.find((p) => p.name === 'admin') ?? spec.ports.find((p) => p.protocol === 'http');
    return port ? [`${spec.name} :${port.port}`] : [];
  });
  return [
    'Telemetry:',
    `  traces   ${traces}`,
    `  metrics  http://localhost:<port>/metrics — ${metrics.join(', ')}`,
    `  logs     ${logDir}/<service>.log (JSON, one line per event)`,
  ];
}
