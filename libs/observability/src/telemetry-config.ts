import { envVars, loadConfig, z } from '@bazaar/config';

const PROPAGATORS = ['tracecontext', 'baggage', 'xray', 'none'] as const;
const TRACE_EXPORTERS = ['otlp', 'console', 'none'] as const;
const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/** A comma-separated list whose every entry must be one of `allowed`. */
function csvOf<const T extends readonly [string, ...string[]]>(allowed: T, fallback: string) {
  const entry = z.enum(allowed);
  return z
    .string()
    .default(fallback)
    .transform((raw) =>
      raw
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(entry))
    .describe(`a comma-separated list of ${allowed.join(', ')} (default ${fallback})`);
}

const k8sName = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/)
    .optional()
    .describe(`${what}: a Kubernetes object name (lowercase letters, digits, '-', '.'), or unset`);

const httpUrl = (what: string) =>
  z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe(`${what}: an http:// or https:// URL, or unset`);

/** The standard OTEL_* variables we honour, plus the Kubernetes downward-API ones the chart sets. */
export const telemetryEnvSchema = z.object({
  OTEL_SDK_DISABLED: envVars.flag(false, 'disable tracing entirely'),
  OTEL_SERVICE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
    .optional()
    .describe('the service name: letters, digits, ".", "_" or "-" (the launcher sets it)'),
  SERVICE_VERSION: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.+_-]*$/)
    .optional()
    .describe('the deployed version, e.g. 1.4.2 or a git sha, or unset to use package.json'),
  K8S_POD_NAME: k8sName('the pod name'),
  K8S_NAMESPACE: k8sName('the namespace'),
  K8S_NODE_NAME: k8sName('the node name'),
  OTEL_PROPAGATORS: csvOf(PROPAGATORS, 'tracecontext,baggage'),
  OTEL_TRACES_EXPORTER: csvOf(TRACE_EXPORTERS, 'otlp'),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl('the OTLP/HTTP collector base URL, e.g. http://collector:4318'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl('the OTLP/HTTP traces URL, e.g. http://collector:4318/v1/traces'),
  OTEL_TRACES_SAMPLER: z
    .enum(SAMPLERS)
    .default('parentbased_always_on')
    .describe(`one of ${SAMPLERS.join(', ')} (default parentbased_always_on)`),
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe('the sampling ratio, a number from 0 to 1 (default 1)'),
});

export type TelemetryConfig = z.infer<typeof telemetryEnvSchema>;

/** Parses the telemetry variables; throws a ConfigError naming each bad variable. */
export function loadTelemetryConfig(env: Record<string, string | undefined> = process.env): TelemetryConfig {
  return loadConfig(`${env['OTEL_SERVICE_NAME'] || 'service'} telemetry`, telemetryEnvSchema, env);
}
