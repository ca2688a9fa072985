import { setTimeout as sleep } from 'node:timers/promises';
import type { OutgoingRecord, RecordPublisher } from '@bazaar/messaging';
import { metricsRegistry, type Logger } from '@bazaar/observability';
import { Counter, Gauge } from 'prom-client';

const DROP_REASONS = ['buffer_full', 'publish_failed', 'shutdown'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

const droppedEvents = new Counter({
  name: 'bazaar_clickstream_events_dropped_total',
  help: 'Clickstream events the gateway gave up on: buffer_full (Kafka slower than traffic), publish_failed (the batch was rejected), shutdown (not sent before the deadline).',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});
// Every reason from 0, so alerts on rate() see the series before the first drop.
for (const reason of DROP_REASONS) droppedEvents.inc({ reason }, 0);

const bufferedEvents = new Gauge({
  name: 'bazaar_clickstream_buffered_events',
  help: 'Clickstream events waiting in the gateway for Kafka (including the batch in flight).',
  registers: [metricsRegistry],
});

export interface ClickstreamBufferOptions {
  /** Events held at most; beyond it new events are dropped (never blocking a request). */
  capacity: number;
  batchSize: number;
  flushIntervalMs: number;
  logger: Logger;
}

/**
 * A bounded in-memory queue in front of a Kafka publisher: offer() never
 * waits or throws. One batch is in flight at a time (the publisher keeps
 * per-key order within it); while Kafka is away that batch waits in the
 * publisher's retries and new events fill the queue up to `capacity`.
 */
export class ClickstreamBuffer {
  private readonly queue: OutgoingRecord[] = [];
  private inFlight: { size: number; done: Promise<void> } | undefined;
  private readonly timer: NodeJS.Timeout;
  private closing = false;
  private abandoned = false;
  private dropping = false;

  constructor(
    private readonly publisher: RecordPublisher,
    private readonly options: ClickstreamBufferOptions,
  ) {
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs).unref();
  }

  offer(record: OutgoingRecord): void {
    if (this.closing) return this.drop('shutdown', 1);
    if (this.queue.length + (this.inFlight?.size ?? 0) >= this.options.capacity) return this.drop('buffer_full', 1);
    this.queue.push(record);
    bufferedEvents.inc();
    if (this.queue.length >= this.options.batchSize) this.flush();
  }

  /**
   * Sends what is queued until the deadline; what is left then (and a batch
   * still in flight) is counted as dropped. The timer stops; later offers drop.
   */
  async close(deadlineMs: number): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    const deadline = Date.now() + deadlineMs;
    while ((this.queue.length > 0 || this.inFlight) && Date.now() < deadline) {
      this.flush();
      await Promise.race([this.inFlight?.done, sleep(Math.max(0, deadline - Date.now()), undefined, { ref: false })]);
    }
    const left = this.queue.length + (this.inFlight?.size ?? 0);
    this.abandoned = true;
    this.queue.length = 0;
    bufferedEvents.dec(left);
    if (left > 0) this.drop('shutdown', left);
  }

  private flush(): void {
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.options.batchSize);
    const done = this.publisher.publishRecords(batch).then(
      () => this.recovered(),
      (error: unknown) => {
        if (this.abandoned) return;
        this.drop('publish_failed', batch.length);
        this.options.logger.warn({ err: error, events: batch.length }, 'clickstream: publishing a batch failed; dropped it');
      },
    );
    this.inFlight = {
      size: batch.length,
      done: done.finally(() => {
        if (this.abandoned) return;
        bufferedEvents.dec(batch.length);
        this.inFlight = undefined;
        if (this.queue.length >= this.options.batchSize) this.flush();
      }),
    };
  }

  private drop(reason: DropReason, count: number): void {
    droppedEvents.inc({ reason }, count);
    // One line when dropping starts and one when it ends, not one per event.
    if (reason === 'buffer_full' && !this.dropping) {
      this.dropping = true;
      this.options.logger.warn({ capacity: this.options.capacity }, 'clickstream: buffer full (Kafka slow or away); dropping events');
    }
  }

  private recovered(): void {
    if (!this.dropping) return;
    this.dropping = false;
    this.options.logger.info('clickstream: Kafka accepts events again; no longer dropping');
  }
}
