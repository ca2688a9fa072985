import { kyselyOf, type AnyDatabase, type AnyKysely, type MessagingTables } from './tables.js';

/** Deletes rows published before `olderThan` (unpublished rows are never touched); returns how many. */
export async function pruneOutbox(database: AnyDatabase | AnyKysely, olderThan: Date): Promise<number> {
  const db = kyselyOf<MessagingTables>(database);
  const result = await db.deleteFrom('messaging_outbox').where('published_at', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}
