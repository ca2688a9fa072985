import { describe, expect, it } from '@jest/globals';
import type { OutgoingRecord } from '@bazaar/messaging';
import { createLogger, metricsRegistry } from '@bazaar/observability';
import { ClickstreamBuffer } from './clickstream-buffer.js';

/** A publisher whose batches the test completes by hand (the broker's answer). */
function heldPublisher() {
  const batches: { keys: string[]; settle: (error?: Error) => void }[] = [];
  return {
    batches,
    publishRecords: (records: readonly OutgoingRecord[]) =>
      new Promise<void>((resolve, reject) => batches.push({ keys: records.map((r) => r.key), settle: (error) => (error ? reject(error) : resolve()) })),
  };
}

const record = (key: string) => ({ key }) as OutgoingRecord;
const logger = createLogger({ service: 'test', level: 'silent' });
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function dropped(reason: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('bazaar_clickstream_events_dropped_total')!.get();
  return metric.values.find((v) => v.labels['reason'] === reason)?.value ?? 0;
}

describe('ClickstreamBuffer', () => {
  it('sends full batches in order, one in flight, and counts the batch in flight against the capacity', async () => {
    const publisher = heldPublisher();
    const buffer = new ClickstreamBuffer(publisher, { capacity: 5, batchSize: 2, flushIntervalMs: 60_000, logger });
    const full = await dropped('buffer_full');
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) buffer.offer(record(key));
    expect(publisher.batches.map((b) => b.keys)).toEqual([['a', 'b']]);
    expect(await dropped('buffer_full')).toBe(full + 2);

    publisher.batches[0]!.settle();
    await settle();
    expect(publisher.batches.map((b) => b.keys)).toEqual([['a', 'b'], ['c', 'd']]);
    publisher.batches[1]!.settle();
    await settle();
    expect(publisher.batches).toHaveLength(2); // 'e' alone waits for the flush interval (or close)
    const closed = buffer.close(1_000);
    expect(publisher.batches.at(-1)!.keys).toEqual(['e']);
    publisher.batches[2]!.settle();
    await closed;
  });

  it('drops a batch the publisher rejects, counts it, and goes on with the next', async () => {
    const publisher = heldPublisher();
    const buffer = new ClickstreamBuffer(publisher, { capacity: 10, batchSize: 1, flushIntervalMs: 60_000, logger });
    const failed = await dropped('publish_failed');
    buffer.offer(record('a'));
    buffer.offer(record('b'));
    publisher.batches[0]!.settle(new Error('broker said no'));
    await settle();
    expect(await dropped('publish_failed')).toBe(failed + 1);
    expect(publisher.batches.map((b) => b.keys)).toEqual([['a'], ['b']]);
    publisher.batches[1]!.settle();
    await buffer.close(1_000);
  });

  it('flushes on close until the deadline, then counts what is left and drops later offers', async () => {
    const publisher = heldPublisher();
    const buffer = new ClickstreamBuffer(publisher, { capacity: 10, batchSize: 2, flushIntervalMs: 60_000, logger });
    const atShutdown = await dropped('shutdown');
    for (const key of ['a', 'b', 'c']) buffer.offer(record(key));
    const closed = buffer.close(200);
    publisher.batches[0]!.settle();
    await closed; // 'c' went out as the last batch, which the broker never answered
    expect(publisher.batches.map((b) => b.keys)).toEqual([['a', 'b'], ['c']]);
    expect(await dropped('shutdown')).toBe(atShutdown + 1);
    buffer.offer(record('late'));
    expect(await dropped('shutdown')).toBe(atShutdown + 2);
    publisher.batches[1]!.settle();
  });
});
