import type { Logger } from '@bazaar/observability';

/**
 * SIGTERM/SIGINT run the service's shutdown once, then exit; a second signal
 * or a shutdown stuck past `forceExitMs` exits at once with an error code.
 */
export function exitOnShutdownSignals(
  shutdown: (reason: string) => Promise<void>,
  logger: Logger,
  forceExitMs = 30_000,
): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    signalled = true;
    setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, forceExitMs).unref();
    shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
