import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { analyticsV1 } from '@bazaar/contracts';
import { GrpcStatus, type ServiceError } from '@bazaar/grpc';
import { createTestDatabase, waitFor, type TestDatabase } from '@bazaar/testing';
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { AnalyticsTopics } from '../src/stream/analytics-stream.js';
import { K, newConsumerName, range, startInstance, waitUntilApplied, type RunningInstance } from './support/analytics.js';
import { createTestTopics, EventScript, script } from './support/events.js';

interface Received {
  at: number;
  update: analyticsV1.WatchMetricsResponse;
}

function collect(stream: ClientReadableStream<analyticsV1.WatchMetricsResponse>): { received: Received[]; ended: Promise<ServiceError | undefined> } {
  const received: Received[] = [];
  const ended = new Promise<ServiceError | undefined>((resolve) => {
    stream.on('data', (update: analyticsV1.WatchMetricsResponse) => received.push({ at: Date.now(), update }));
    stream.on('error', (error: ServiceError) => resolve(error));
    stream.on('end', () => resolve(undefined));
  });
  return { received, ended };
}

const startOf = (update: analyticsV1.WatchMetricsResponse): string => new Date(Number(update.window?.start?.seconds) * 1000).toISOString();
const views = (update: analyticsV1.WatchMetricsResponse, productId: string): string | undefined => update.topProducts.find((p) => p.productId === productId)?.views;

describe('WatchMetrics', () => {
  let topics: AnalyticsTopics;
  let database: TestDatabase;
  let instance: RunningInstance;
  let publisher: EventScript;
  /** Wall-clock time each committed batch's transaction finished, by its last event id. */
  const committedAt = new Map<string, number>();
  const consumer = newConsumerName('watch');

  beforeAll(async () => {
    topics = await createTestTopics('watch', 1);
    database = await createTestDatabase({ prefix: 'analytics' });
    publisher = new EventScript(topics);
    instance = await startInstance(database.url, {
      topics,
      consumer,
      allowedLatenessMs: 0,
      maxWatches: 1,
      afterCommit: (batch) => {
        for (const event of batch.events) committedAt.set(event.eventId, Date.now());
      },
    });
  }, 60_000);

  afterAll(async () => {
    await publisher?.close();
    await instance?.stop();
    await database?.drop();
  });

  /**
   * A stream that is still open after a moment. The instance serves one at a time (maxWatches: 1), and a
   * stream the client just cancelled is released on the server a little later: retry until there is room.
   */
  async function openWhenRoom(window: analyticsV1.WindowKind): Promise<ReturnType<typeof collect> & { call: ClientReadableStream<analyticsV1.WatchMetricsResponse> }> {
    return waitFor(
      async () => {
        const call = instance.streaming.watchMetrics({ window, topLimit: 1 });
        const attempt = { call, ...collect(call) };
        const outcome = await Promise.race([attempt.ended, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 300))]);
        if (outcome === 'open') return attempt;
        if (outcome?.code !== GrpcStatus.RESOURCE_EXHAUSTED) throw new Error(`WatchMetrics ended unexpectedly: ${outcome?.message ?? 'completed'}`);
        return undefined;
      },
      { what: 'room for a WatchMetrics stream' },
    );
  }

  it('rejects bad requests with INVALID_ARGUMENT', async () => {
    const { ended } = collect(instance.streaming.watchMetrics({ window: K.WINDOW_KIND_TUMBLING_1M, topLimit: 500 }));
    expect((await ended)?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    await expect(instance.client.getFunnel({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z') })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await expect(instance.client.getRevenue({ range: range(K.WINDOW_KIND_TUMBLING_1M, '2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z') })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await expect(instance.client.getTopProducts({ range: range(K.WINDOW_KIND_TUMBLING_1H, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'), limit: 101 })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
  });

  it('pushes every change of a window, and its close within a second of the event that closed it', async () => {
    await publisher.publish([script.view('2026-01-01T10:00:10Z', 's1', 'P1')]);
    await waitUntilApplied(database.url, consumer, topics, 1);

    const call = instance.streaming.watchMetrics({ window: K.WINDOW_KIND_TUMBLING_1M, topLimit: 5 });
    const { received, ended } = collect(call);
    // On subscribe: the current window (the one the watermark is in).
    await waitFor(async () => received.find((r) => startOf(r.update) === '2026-01-01T10:00:00.000Z'), { what: 'the initial update' });

    await publisher.publish([script.view('2026-01-01T10:00:40Z', 's2', 'P1')]);
    const changed = await waitFor(async () => received.find((r) => views(r.update, 'P1') === '2'), { timeoutMs: 5_000, what: 'the update for the second view' });
    expect(changed.update.window?.closed).toBe(false);
    expect(changed.update.funnel).toEqual({ viewed: '2', carted: '0', ordered: '0', shipped: '0' });

    const closing = script.view('2026-01-01T10:01:05Z', 's3', 'P2');
    closing.eventId = crypto.randomUUID();
    const publishedAt = Date.now();
    await publisher.publish([closing]);
    const closed = await waitFor(async () => received.find((r) => startOf(r.update) === '2026-01-01T10:00:00.000Z' && r.update.window?.closed), {
      timeoutMs: 10_000,
      what: 'the final update of the closed window',
    });
    expect(views(closed.update, 'P1')).toBe('2');
    expect(closed.update.lateEvents).toBe('0');
    const closedInDatabaseAt = committedAt.get(closing.eventId);
    expect(closedInDatabaseAt).toBeDefined();
    // The window closed when the closing event's transaction committed; the update follows within a second.
    expect(closed.at - (closedInDatabaseAt as number)).toBeLessThan(1_000);
    expect(closed.at - publishedAt).toBeLessThan(5_000);
    // The window the closing event opened is pushed too.
    await waitFor(async () => received.find((r) => startOf(r.update) === '2026-01-01T10:01:00.000Z' && views(r.update, 'P2') === '1'), { what: 'the next window' });

    call.cancel();
    expect((await ended)?.code).toBe(GrpcStatus.CANCELLED);
  }, 60_000);

  it('refuses a stream beyond ANALYTICS_MAX_WATCHES with RESOURCE_EXHAUSTED, and has room again when one ends', async () => {
    const first = await openWhenRoom(K.WINDOW_KIND_TUMBLING_5M);
    const refused = await collect(instance.streaming.watchMetrics({ window: K.WINDOW_KIND_TUMBLING_5M, topLimit: 1 })).ended;
    expect(refused?.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(refused?.details).toMatch(/WatchMetrics streams/);

    first.call.cancel();
    expect((await first.ended)?.code).toBe(GrpcStatus.CANCELLED);
    const again = await openWhenRoom(K.WINDOW_KIND_TUMBLING_1H);
    again.call.cancel();
    await again.ended;
  });

  it('ends open streams when the service shuts down', async () => {
    const { ended } = await openWhenRoom(K.WINDOW_KIND_SLIDING_5M_EVERY_1M);
    await instance.service.shutdown('test: shutdown ends streams');
    const result = await Promise.race([ended, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 5_000))]);
    expect(result).toBeUndefined();
  });
});
