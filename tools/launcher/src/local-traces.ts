import { createSpanFile, localTraceFile, startOtlpReceiver } from '@bazaar/local-traces';

export interface LocalTraces {
  /** Where the spans go, one JSON object per line. */
  file: string;
  endpoint: string;
  close(): Promise<void>;
}

/** True when the developer configured an exporter or turned tracing off: then the launcher keeps no spans itself. */
export function wantsLocalTraces(env: NodeJS.ProcessEnv): boolean {
  return (
    env['OTEL_SDK_DISABLED'] !== 'true' &&
    !env['OTEL_EXPORTER_OTLP_ENDPOINT'] &&
    !env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] &&
    env['LAUNCHER_LOCAL_TRACES'] !== 'off'
  );
}

/**
 * Without a collector, the launcher receives the services' OTLP itself and keeps the spans under
 * <data dir>/traces, so `npm run trace` can show a checkout's waterfall. Points `env` (the services'
 * base environment) at the receiver.
 */
export async function startLocalTraces(env: NodeJS.ProcessEnv, dataDir: string): Promise<LocalTraces | undefined> {
  if (!wantsLocalTraces(env)) return undefined;
  const file = localTraceFile(dataDir);
  const spanFile = createSpanFile(file);
  const receiver = await startOtlpReceiver({
    onSpans: (spans) => spanFile.append(spans),
    onError: (error) => process.stderr.write(`local trace receiver: ${error.message}\n`),
  });
  env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] = `${receiver.endpoint}/v1/traces`;
  return { file, endpoint: receiver.endpoint, close: () => receiver.close() };
}
