import { kyselyOf, type AnyDatabase, type AnyKysely, type AnyTransaction, type MessagingTables } from '../outbox/tables.js';
import type { EventHandler, HandlerContext, IncomingEvent } from '../types.js';

export type ProcessOutcome = 'processed' | 'duplicate';

/**
 * Applies `effect` at most once per (consumer group, event id): the inbox row and the effect commit or roll
 * back together. When two consumers get the same event at once, the primary key makes the second insert wait
 * for the first transaction; if that commits, the second sees the conflict and skips the effect.
 */
export async function processOnce(
  database: AnyDatabase | AnyKysely,
  consumerGroup: string,
  event: Pick<IncomingEvent, 'eventId'>,
  effect: (trx: AnyTransaction) => Promise<void>,
): Promise<ProcessOutcome> {
  if (consumerGroup.length === 0) throw new TypeError('inbox: consumerGroup must not be empty');
  if (event.eventId.length === 0) throw new TypeError('inbox: the event has no id; it cannot be deduplicated');
  return kyselyOf<MessagingTables>(database)
    .transaction()
    .execute(async (trx) => {
      const claimed = await trx
        .insertInto('messaging_inbox')
        .values({ consumer_group: consumerGroup, event_id: event.eventId })
        .onConflict((conflict) => conflict.columns(['consumer_group', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (claimed === undefined) return 'duplicate';
      await effect(trx);
      return 'processed';
    });
}

export type IdempotentEffect<T> = (event: IncomingEvent<T>, trx: AnyTransaction, context: HandlerContext) => Promise<void>;

/** A consumer handler whose effect happens once per event, however often the event is delivered. */
export function idempotentHandler<T>(
  database: AnyDatabase | AnyKysely,
  consumerGroup: string,
  effect: IdempotentEffect<T>,
): EventHandler<T> {
  return async (event, context) => {
    await processOnce(database, consumerGroup, event, (trx) => effect(event, trx, context));
  };
}

/** Forgets processed event ids older than `olderThan` (keep them longer than any redelivery window); returns how many. */
export async function pruneInbox(database: AnyDatabase | AnyKysely, olderThan: Date): Promise<number> {
  const result = await kyselyOf<MessagingTables>(database)
    .deleteFrom('messaging_inbox')
    .where('processed_at', '<', olderThan)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
