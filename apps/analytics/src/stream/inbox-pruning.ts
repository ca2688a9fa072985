import { pruneInbox, type AnyDatabase } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';

/**
 * Forgets applied event ids older than the retention now and then (one row per event otherwise grows
 * forever). Safe once older than the topics' retention: no record that old can be fetched again.
 * Returns the stop function.
 */
export function startInboxPruning(database: AnyDatabase, retentionMs: number, intervalMs: number, logger: Logger): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= pruneInbox(database, new Date(Date.now() - retentionMs))
      .then((pruned) => void (pruned > 0 && logger.debug({ pruned }, 'pruned old applied event ids')))
      .catch((error: unknown) => logger.warn({ err: error }, 'pruning applied event ids failed; retrying next interval'))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
