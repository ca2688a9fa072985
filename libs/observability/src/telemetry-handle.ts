/** What shutdown needs from the SDK; kept structural so this module imports nothing heavy. */
interface StoppableSdk {
  shutdown(): Promise<void>;
}

const SHUTDOWN_TIMEOUT_MS = 5_000;

// Kept on globalThis so the `--import` entry and the app share one SDK even if
// this package is loaded twice (e.g. once from dist, once from src).
const HANDLE_KEY = Symbol.for('@bazaar/observability.sdk');
type Handle = { sdk?: StoppableSdk; stopping?: Promise<void> };
const handle = ((globalThis as Record<symbol, Handle>)[HANDLE_KEY] ??= {});

export function runningSdk(): StoppableSdk | undefined {
  return handle.sdk;
}

export function setRunningSdk(sdk: StoppableSdk): void {
  handle.sdk = sdk;
}

/**
 * Flushes pending spans and stops tracing. Idempotent, never rejects, and gives
 * up after 5 s so an unreachable collector cannot stall shutdown. Apps await it
 * as the last step of their own graceful shutdown; a no-op without the SDK.
 */
export function shutdownTelemetry(): Promise<void> {
  const sdk = handle.sdk;
  if (!sdk) return Promise.resolve();
  handle.stopping ??= new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    sdk.shutdown().then(done, done);
  });
  return handle.stopping;
}
