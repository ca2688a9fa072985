import { analyticsV1, contractProtos } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, type GrpcClient } from '@bazaar/grpc';
import { readPositions, type StreamBatch } from '@bazaar/messaging';
import { openDatabase, sql, type Database } from '@bazaar/persistence';
import { freePort, waitFor } from '@bazaar/testing';
import { credentials } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { startAnalyticsService, type AnalyticsServiceOptions, type RunningAnalytics } from '../../src/analytics-service.js';
import { analyticsConfigSchema } from '../../src/config.js';
import { analyticsMigrations } from '../../src/db/migrations/index.js';
import type { AnalyticsTopics } from '../../src/stream/analytics-stream.js';
import { kafkaBrokers, silentLogger } from './events.js';

export type AnalyticsClient = GrpcClient<typeof analyticsV1.AnalyticsServiceService>;

export interface RunningInstance {
  service: RunningAnalytics;
  client: AnalyticsClient;
  /** The raw grpc-js client, for the server stream. */
  streaming: analyticsV1.AnalyticsServiceClient;
  /** Batches this instance committed. */
  batches: StreamBatch[];
  stop(): Promise<void>;
}

export interface StartOptions extends AnalyticsServiceOptions {
  topics: AnalyticsTopics;
  consumer: string;
  allowedLatenessMs?: number;
  maxWatches?: number;
  /** Off unless a test asks: a wall-clock rule would make window closing depend on how fast a run goes. */
  idlePartitionMs?: number;
}

export const newConsumerName = (label: string): string => `analytics-test-${label}-${randomUUID().slice(0, 8)}`;

/** The service in this process on free ports, on the given database and test topics. */
export async function startInstance(databaseUrl: string | undefined, options: StartOptions): Promise<RunningInstance> {
  const [grpcPort, adminPort] = [await freePort(), await freePort()];
  const config = analyticsConfigSchema.parse({
    GRPC_PORT: String(grpcPort),
    ADMIN_PORT: String(adminPort),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: 'memory://',
    KAFKA_BROKERS: kafkaBrokers(),
    ANALYTICS_ALLOWED_LATENESS_MS: String(options.allowedLatenessMs ?? 60_000),
    ...(options.maxWatches === undefined ? {} : { ANALYTICS_MAX_WATCHES: String(options.maxWatches) }),
    ANALYTICS_IDLE_PARTITION_MS: String(options.idlePartitionMs ?? 0),
  });
  const batches: StreamBatch[] = [];
  const service = await startAnalyticsService(config, silentLogger, {
    sessionTimeoutMs: 6_000,
    ...options,
    afterCommit: async (batch) => {
      batches.push(batch);
      await options.afterCommit?.(batch);
    },
  });
  const address = `127.0.0.1:${grpcPort}`;
  const client: AnalyticsClient = createGrpcClient(analyticsV1.AnalyticsServiceService, {
    address,
    timeoutMs: 10_000,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  const streaming = new analyticsV1.AnalyticsServiceClient(address, credentials.createInsecure());
  return {
    service,
    client,
    streaming,
    batches,
    stop: async () => {
      client.close();
      streaming.close();
      await service.shutdown('test done');
    },
  };
}

/** Resolves once `consumer` has applied every record of the topics (fresh topics: offsets start at 0). */
export async function waitUntilApplied(databaseUrl: string, consumer: string, topics: AnalyticsTopics, records: number, timeoutMs = 60_000): Promise<void> {
  const database = await openDatabase<unknown>({ service: 'analytics-test', databaseUrl, migrations: analyticsMigrations });
  try {
    await waitFor(async () => (await appliedRecords(database, consumer, topics)) === records, { timeoutMs, intervalMs: 100, what: `${records} records applied by ${consumer}` });
  } finally {
    await database.close();
  }
}

export async function appliedRecords(database: Database<unknown>, consumer: string, topics: AnalyticsTopics): Promise<number> {
  const positions = await readPositions(database, consumer, [topics.clickstream.name, topics.ordersEvents.name]);
  return positions.reduce((sum, p) => sum + Number(p.nextOffset), 0);
}

/** Everything the aggregate tables hold, in a stable order: equal dumps mean equal answers to every query. */
export async function dumpAggregates(databaseUrl: string): Promise<Record<string, unknown[]>> {
  const database = await openDatabase<unknown>({ service: 'analytics-test', databaseUrl, migrations: analyticsMigrations });
  try {
    const dump: Record<string, unknown[]> = {};
    const tables = ['product_panes', 'product_orders', 'session_panes', 'order_panes', 'checkout_sessions', 'order_amounts', 'late_events'];
    for (const table of tables) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY 1, 2, 3`.execute(database.db);
      dump[table] = rows;
    }
    const { rows } = await sql`SELECT topic, partition, next_offset::text, stream_time FROM messaging_stream_offsets ORDER BY topic, partition`.execute(database.db);
    dump['partition_positions'] = rows;
    return dump;
  } finally {
    await database.close();
  }
}

export const K = analyticsV1.WindowKind;
export const ts = (iso: string) => ({ seconds: String(Date.parse(iso) / 1000), nanos: 0 });
export const range = (window: analyticsV1.WindowKind, from: string, to: string) => ({ window, from: ts(from), to: ts(to) });

/** Every query's answer over a range: what two runs must agree on. */
export async function answers(client: AnalyticsClient, from: string, to: string): Promise<unknown> {
  const result: Record<string, unknown> = {};
  for (const kind of [K.WINDOW_KIND_TUMBLING_1M, K.WINDOW_KIND_SLIDING_5M_EVERY_1M, K.WINDOW_KIND_TUMBLING_1H]) {
    result[`${kind}/top`] = await client.getTopProducts({ range: range(kind, from, to), limit: 100 });
    result[`${kind}/funnel`] = await client.getFunnel({ range: range(kind, from, to) });
    result[`${kind}/revenue`] = await client.getRevenue({ range: range(kind, from, to) });
  }
  return result;
}
