/**
 * Side-effect entry: `node --import @bazaar/observability/register dist/main.js`.
 *
 * Order matters: the ESM loader hook must be registered before any module the
 * instrumentations patch is imported, and the SDK (which registers those
 * instrumentations) must start before the app's own imports run.
 */
import { ConfigError } from '@bazaar/config';
import { register } from 'node:module';

// Only the modules our instrumentations patch go through import-in-the-middle:
// wrapping every module roughly doubles start-up time and risks breaking
// packages with unusual exports. Undici is traced via diagnostics_channel.
// (@bazaar/config, imported statically above, loads only zod: nothing an instrumentation patches.)
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, {
  data: { include: ['http', 'https', '@grpc/grpc-js', 'pg', 'pg-pool'] },
});

const { loadTelemetryConfig } = await import('./telemetry-config.js');
const { shutdownTelemetry } = await import('./telemetry-handle.js');

let config;
try {
  config = loadTelemetryConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78); // EX_CONFIG, same as loadConfigOrExit
}
// Loaded only after validation: the SDK is heavy and a bad environment should fail fast.
const { startTelemetry } = await import('./sdk.js');
startTelemetry(config);

// Adding a SIGTERM/SIGINT listener disables Node's default "exit now", so this
// handler only steps in when it is the sole listener: it flushes, removes
// itself and re-raises the signal to get the default behaviour back. When the
// app has its own handler, the app owns shutdown and awaits shutdownTelemetry().
function onExitSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  process.removeListener('SIGTERM', onExitSignal);
  process.removeListener('SIGINT', onExitSignal);
  void shutdownTelemetry().finally(() => process.kill(process.pid, signal));
}
process.on('SIGTERM', onExitSignal);
process.on('SIGINT', onExitSignal);
// A process that simply runs out of work (scripts, one-off jobs) flushes too.
process.once('beforeExit', () => void shutdownTelemetry());
