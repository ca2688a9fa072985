import type { Kysely } from '@bazaar/persistence';
import type { OutgoingRecord, RecordPublisher } from '../types.js';
import { Backoff, Wakeable } from './backoff.js';
import { monitorOutbox, outboxPublished } from './metrics.js';
import { OUTBOX_CHANNEL, kyselyOf, type AnyDatabase, type MessagingTables } from './tables.js';

/** Subscribes to a NOTIFY channel; resolves to the unsubscribe function. */
export type ListenFn = (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;

export interface RelayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OutboxRelayOptions {
  database: AnyDatabase;
  publisher: RecordPublisher;
  logger: RelayLogger;
  /** Rows per transaction / publish call (default 100). */
  batchSize?: number;
  /** Polling interval: `min` after finding work, doubling up to `max` while idle (default 50 ms … 2 s). */
  pollIntervalMs?: { min: number; max: number };
  /** Wait between failed publish attempts, doubling from `min` to `max` (default 200 ms … 30 s). */
  retryBackoffMs?: { min: number; max: number };
  /**
   * How long one batch may wait for the broker's acks before it counts as failed (default 15 000 ms). The
   * producer itself retries without end, so without this bound a broker outage would hold the batch's row
   * locks and transaction open, never record the failure, and keep stop() waiting. A send that completes
   * after its timeout is published again by the next pass: a duplicate, never a loss.
   */
  publishTimeoutMs?: number;
  /** LISTEN support; defaults to `database.listen` when the database offers it, else the relay only polls. */
  listen?: ListenFn;
  /** Report outbox lag / pending on the metrics registry while running (default true). */
  metrics?: boolean;
  hooks?: {
    /** Runs after the broker acknowledged a batch and before the rows are marked sent (fault injection in tests). */
    afterPublish?(records: readonly OutgoingRecord[]): Promise<void>;
  };
}

export interface OutboxRelay {
  /** Finishes the current batch, stops listening and polling. */
  stop(): Promise<void>;
  /** Look for work now instead of at the next poll. */
  wake(): void;
  /** Resolves once a pass that started after this call found nothing pending. */
  drain(): Promise<void>;
}

type Pass = { kind: 'published'; count: number } | { kind: 'failed' };

const MAX_ERROR_LENGTH = 2000;
/** setTimeout's limit: a longer delay fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Publishes outbox rows in id order. Each batch is one transaction: lock the oldest unpublished rows
 * (FOR UPDATE, deliberately without SKIP LOCKED: a second relay replica waits for the first instead of
 * publishing newer rows of the same aggregate ahead of older ones), publish them and wait for the broker's
 * acks, then mark them sent and commit. A crash between ack and commit republishes the batch: duplicates are
 * possible (consumers dedupe with the inbox), losses are not. `drain()` waits for as long as publishing fails.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { database, publisher, logger } = options;
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`outbox relay: batchSize must be a positive integer, got ${batchSize}`);
  const publishTimeoutMs = options.publishTimeoutMs ?? 15_000;
  if (!Number.isInteger(publishTimeoutMs) || publishTimeoutMs < 1 || publishTimeoutMs > MAX_TIMER_MS) {
    throw new RangeError(`outbox relay: publishTimeoutMs must be an integer from 1 to ${MAX_TIMER_MS}, got ${publishTimeoutMs}`);
  }
  const bounded = boundedPublisher(publisher, publishTimeoutMs);
  const poll = new Backoff(options.pollIntervalMs ?? { min: 50, max: 2000 });
  const retry = new Backoff(options.retryBackoffMs ?? { min: 200, max: 30_000 });
  const wakeable = new Wakeable();
  const monitor = options.metrics === false ? undefined : monitorOutbox(database);
  let stopping = false;
  let passesStarted = 0;
  const drains: Array<{ after: number; resolve: () => void; reject: (error: Error) => void }> = [];

  const settleDrains = (pass: number): void => {
    for (const waiter of drains.filter((entry) => pass >= entry.after)) {
      drains.splice(drains.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const listening = subscribe(options, () => wakeable.wake());

  const loop = (async () => {
    // LISTEN before the first pass: rows committed earlier are found by that pass, later ones notify.
    await listening;
    while (!stopping) {
      const pass = ++passesStarted;
      let outcome: Pass;
      try {
        outcome = await publishBatch(database, bounded, batchSize, options.hooks, logger);
      } catch (error) {
        logger.error({ err: describe(error) }, 'outbox relay pass failed');
        outcome = { kind: 'failed' };
      }
      if (outcome.kind === 'failed') {
        await wakeable.sleep(retry.next());
        continue;
      }
      retry.reset();
      if (outcome.count > 0) outboxPublished.inc(outcome.count);
      if (outcome.count === batchSize) continue;
      if (outcome.count === 0) settleDrains(pass);
      await wakeable.sleep(outcome.count > 0 ? poll.reset() : poll.next());
    }
  })();

  return {
    wake: () => wakeable.wake(),
    drain: () =>
      new Promise<void>((resolve, reject) => {
        if (stopping) return reject(new Error('outbox relay is stopped'));
        drains.push({ after: passesStarted + 1, resolve, reject });
        wakeable.wake();
      }),
    stop: async () => {
      if (stopping) return loop;
      stopping = true;
      wakeable.wake();
      await loop;
      await (await listening)?.().catch((error: unknown) => logger.warn({ err: describe(error) }, 'outbox relay: unlisten failed'));
      monitor?.stop();
      for (const waiter of drains.splice(0)) waiter.reject(new Error('outbox relay stopped before the outbox drained'));
    },
  };
}

async function subscribe(options: OutboxRelayOptions, onNotify: () => void): Promise<(() => Promise<void>) | undefined> {
  const listen = options.listen ?? (options.database as { listen?: ListenFn }).listen?.bind(options.database);
  if (!listen) return undefined;
  try {
    return await listen(OUTBOX_CHANNEL, onNotify);
  } catch (error) {
    options.logger.warn({ err: describe(error) }, 'outbox relay: LISTEN unavailable, polling only');
    return undefined;
  }
}

async function publishBatch(
  database: AnyDatabase,
  publisher: RecordPublisher,
  batchSize: number,
  hooks: OutboxRelayOptions['hooks'],
  logger: RelayLogger,
): Promise<Pass> {
  const db = kyselyOf<MessagingTables>(database);
  // PGlite is one connection inside one process, so there is only ever one relay and nothing to lock against;
  // a transaction held open during the publish would block every other query of the service while the broker is slow.
  if (database.driver === 'pglite') return relayBatch(db, false, publisher, batchSize, hooks, logger);
  return db.transaction().execute((trx) => relayBatch(trx, true, publisher, batchSize, hooks, logger));
}

async function relayBatch(
  db: Kysely<MessagingTables>,
  lock: boolean,
  publisher: RecordPublisher,
  batchSize: number,
  hooks: OutboxRelayOptions['hooks'],
  logger: RelayLogger,
): Promise<Pass> {
  const query = db
    .selectFrom('messaging_outbox')
    .select(['id', 'event_id', 'topic', 'key', 'type', 'payload', 'trace_context', 'producer', 'occurred_at'])
    .where('published_at', 'is', null)
    .orderBy('id')
    .limit(batchSize);
  const rows = await (lock ? query.forUpdate() : query).execute();
  if (rows.length === 0) return { kind: 'published', count: 0 };
  const ids = rows.map((row) => row.id);
  const records: OutgoingRecord[] = rows.map((row) => ({
    topic: row.topic,
    key: row.key,
    eventId: row.event_id,
    type: row.type,
    producer: row.producer,
    occurredAt: row.occurred_at,
    value: row.payload,
    traceContext: row.trace_context,
  }));
  try {
    await publisher.publishRecords(records);
  } catch (error) {
    logger.warn({ err: describe(error), rows: ids.length }, 'outbox relay: publish failed, will retry');
    await recordFailure(db, ids, error);
    return { kind: 'failed' };
  }
  await hooks?.afterPublish?.(records);
  await db.updateTable('messaging_outbox').set({ published_at: new Date() }).where('id', 'in', ids).execute();
  return { kind: 'published', count: rows.length };
}

/** Committed with the batch (no rows marked sent) so operators can see what keeps failing. */
async function recordFailure(db: Kysely<MessagingTables>, ids: number[], error: unknown): Promise<void> {
  const message = describe(error).message.slice(0, MAX_ERROR_LENGTH);
  await db
    .updateTable('messaging_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: message }))
    .where('id', 'in', ids)
    .execute();
}

/**
 * Bounds each publish to `timeoutMs`. The producer cannot cancel a send, so one that timed out goes on
 * retrying; until it settles no other publish starts, or the abandoned copy could land after newer events of
 * the same key and copies would pile up for as long as an outage lasts. When it does land, the next pass
 * publishes the same rows again: a duplicate right after the original, in order.
 */
function boundedPublisher(publisher: RecordPublisher, timeoutMs: number): RecordPublisher {
  let abandoned: Promise<void> | undefined;
  return {
    async publishRecords(records) {
      if (abandoned) await withTimeout(abandoned, timeoutMs, `an earlier publish still not settled after another ${timeoutMs} ms`);
      const work = publisher.publishRecords(records);
      try {
        await withTimeout(work, timeoutMs, `publish not acknowledged within ${timeoutMs} ms`);
      } catch (error) {
        if (error instanceof PublishTimeout) {
          const settled: Promise<void> = work.then(
            () => undefined,
            () => undefined,
          );
          abandoned = settled;
          void settled.then(() => {
            if (abandoned === settled) abandoned = undefined;
          });
        }
        throw error;
      }
    },
  };
}

class PublishTimeout extends Error {
  override name = 'PublishTimeout';
}

function withTimeout(work: Promise<unknown>, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PublishTimeout(message)), ms);
  });
  return Promise.race([work.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): { message: string; name?: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
