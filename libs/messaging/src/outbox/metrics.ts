import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '@bazaar/observability';
import { sql, type Database } from '@bazaar/persistence';
import type { AnyDatabase } from './tables.js';

/** Databases whose outbox is reported on scrape (normally one per process). */
const monitored = new Set<Database<unknown>>();

interface OutboxStats {
  pending: number;
  lagSeconds: number;
}

async function readStats(database: Database<unknown>): Promise<OutboxStats> {
  const { rows } = await sql<{ pending: number; lag: string | null }>`
    select count(*) as pending, extract(epoch from now() - min(created_at)) as lag
    from messaging_outbox where published_at is null`.execute(database.db);
  const row = rows[0];
  return { pending: Number(row?.pending ?? 0), lagSeconds: Math.max(0, Number(row?.lag ?? 0)) };
}

/** Stats over every monitored database; a closed or failing one is skipped (the scrape must not fail). */
async function collectAll(): Promise<OutboxStats> {
  const all = await Promise.all([...monitored].map((database) => readStats(database).catch(() => undefined)));
  const stats = all.filter((entry) => entry !== undefined);
  return {
    pending: stats.reduce((sum, entry) => sum + entry.pending, 0),
    lagSeconds: stats.reduce((max, entry) => Math.max(max, entry.lagSeconds), 0),
  };
}

new Gauge({
  name: 'messaging_outbox_lag_seconds',
  help: 'Age of the oldest unpublished outbox row (0 when the outbox is empty).',
  registers: [metricsRegistry],
  async collect() {
    this.set((await collectAll()).lagSeconds);
  },
});

new Gauge({
  name: 'messaging_outbox_pending',
  help: 'Outbox rows written but not yet published.',
  registers: [metricsRegistry],
  async collect() {
    this.set((await collectAll()).pending);
  },
});

export const outboxPublished = new Counter({
  name: 'messaging_outbox_published_total',
  help: 'Outbox rows published to the broker and marked sent.',
  registers: [metricsRegistry],
});

/** Reports this database's outbox lag and pending count on every scrape until `stop()`. */
export function monitorOutbox(database: AnyDatabase): { stop(): void } {
  monitored.add(database);
  return { stop: () => monitored.delete(database) };
}
