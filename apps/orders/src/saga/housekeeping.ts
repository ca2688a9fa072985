import { pruneInbox, pruneOutbox, type AnyDatabase } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';

export interface HousekeepingOptions {
  database: AnyDatabase;
  /**
   * How long published outbox rows stay. Short on purpose: an AuthorizePayment row carries the card
   * token, which must not outlive its delivery in this database.
   */
  outboxRetentionMs: number;
  /** How long consumed event ids are remembered (longer than any redelivery or DLQ replay). */
  inboxRetentionMs: number;
  intervalMs: number;
  logger: Logger;
}

/** Deletes published outbox rows and old inbox ids now and then; returns its stop function. */
export function startHousekeeping(options: HousekeepingOptions): () => Promise<void> {
  const { database, logger } = options;
  let running: Promise<void> | undefined;
  const pass = async () => {
    const now = Date.now();
    const outbox = await pruneOutbox(database, new Date(now - options.outboxRetentionMs));
    const inbox = await pruneInbox(database, new Date(now - options.inboxRetentionMs));
    if (outbox + inbox > 0) logger.debug({ outbox, inbox }, 'pruned published outbox rows and old inbox ids');
  };
  const timer = setInterval(() => {
    running ??= pass()
      .catch((error: unknown) => logger.warn({ err: error }, 'housekeeping pass failed; retrying next interval'))
      .finally(() => (running = undefined));
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
