import type { analyticsV1 } from '@bazaar/contracts';
import type { Logger } from '@bazaar/observability';
import { sql, type Kysely } from '@bazaar/persistence';
import { Observable, type Subscriber } from 'rxjs';
import type { AnalyticsDatabase } from '../db/schema.js';
import type { AnalyticsReader } from '../read/analytics-reader.js';
import { shapeOf, windowsContaining, windowsEndingIn, type WindowBounds, type WindowKind } from '../windows/window-kind.js';

interface Watch {
  kind: WindowKind;
  topLimit: number;
  subscriber: Subscriber<analyticsV1.WatchMetricsResponse>;
}

export interface MetricsWatcherOptions {
  /** How often the shared tables are checked for changes: also the debounce of a window's updates. Default 250 ms. */
  pollIntervalMs?: number;
  /** Most windows one check sends per watched kind (a replay can touch thousands); the newest win. Default 20. */
  maxWindowsPerCheck?: number;
  /** Most streams served at once (each holds an HTTP/2 stream and a share of every check). Default 1000. */
  maxWatches?: number;
}

/** A commit stamps pane_changes before it is visible; a change committed this much later than stamped is still seen. */
const COMMIT_SLACK = '5 seconds';

/**
 * Feeds WatchMetrics streams. One poll loop per process (while anyone watches) reads which panes changed
 * — from any instance, through the shared pane_changes table — and how far the watermark moved, then
 * sends each watcher the current numbers of every window of its kind that changed or just closed.
 */
export class MetricsWatcher {
  private readonly watches = new Set<Watch>();
  private readonly seenVersions = new Map<number, number>();
  private readonly pollIntervalMs: number;
  private readonly maxWindows: number;
  private readonly maxWatches: number;
  private timer: NodeJS.Timeout | undefined;
  private watermark: number | undefined;
  private closed = false;

  constructor(
    private readonly db: Kysely<AnalyticsDatabase>,
    private readonly reader: AnalyticsReader,
    private readonly logger: Logger,
    options: MetricsWatcherOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.maxWindows = options.maxWindowsPerCheck ?? 20;
    this.maxWatches = options.maxWatches ?? 1_000;
  }

  /** Whether one more stream may be opened now. */
  hasRoom(): boolean {
    return this.watches.size < this.maxWatches;
  }

  watch(kind: WindowKind, topLimit: number): Observable<analyticsV1.WatchMetricsResponse> {
    // First the newest window holding the latest event, then whatever changes or closes.
    return new Observable((subscriber) => {
      if (this.closed) return subscriber.complete();
      const watch: Watch = { kind, topLimit, subscriber };
      this.watches.add(watch);
      void this.sendCurrentWindow(watch);
      this.schedule();
      return () => {
        this.watches.delete(watch);
        if (this.watches.size === 0) this.stopPolling();
      };
    });
  }

  /** Ends every stream (server shutdown) and stops polling. */
  close(): void {
    this.closed = true;
    this.stopPolling();
    for (const watch of [...this.watches]) watch.subscriber.complete();
    this.watches.clear();
  }

  private stopPolling(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.watermark = undefined;
    this.seenVersions.clear();
  }

  private schedule(): void {
    if (this.timer || this.closed || this.watches.size === 0) return;
    const timer = setTimeout(() => {
      void this.check()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'WatchMetrics check failed; retrying'))
        .finally(() => {
          // Polling stopped during the check (and maybe a new loop started): this loop ends here.
          if (this.timer !== timer) return;
          this.timer = undefined;
          this.schedule();
        });
    }, this.pollIntervalMs);
    this.timer = timer;
  }

  private async sendCurrentWindow(watch: Watch): Promise<void> {
    try {
      const now = await this.reader.latestEventTime();
      const latest = now === undefined ? undefined : windowsContaining(watch.kind, now).at(-1);
      if (latest) watch.subscriber.next(await this.reader.snapshot(latest, watch.topLimit));
    } catch (error) {
      this.logger.warn({ err: error }, 'WatchMetrics initial update failed');
    }
  }

  private async check(): Promise<void> {
    const changedPanes = await this.changedPanes();
    const previous = this.watermark;
    this.watermark = await this.reader.watermark();
    const groups = new Map<string, Watch[]>();
    for (const watch of this.watches) {
      const key = `${watch.kind}/${watch.topLimit}`;
      groups.set(key, [...(groups.get(key) ?? []), watch]);
    }
    for (const group of groups.values()) {
      const { kind, topLimit } = group[0] as Watch;
      for (const window of this.windowsToSend(kind, changedPanes, previous)) {
        const update = await this.reader.snapshot(window, topLimit);
        for (const watch of group) if (this.watches.has(watch)) watch.subscriber.next(update);
      }
    }
  }

  /** Windows containing a changed pane, plus windows the watermark just passed; oldest first, capped. */
  private windowsToSend(kind: WindowKind, changedPanes: number[], previousWatermark: number | undefined): WindowBounds[] {
    const windows = new Map<number, WindowBounds>();
    for (const pane of changedPanes) for (const w of windowsContaining(kind, pane)) windows.set(w.startMs, w);
    if (previousWatermark !== undefined && this.watermark !== undefined && this.watermark > previousWatermark) {
      // Only the last few: a watermark leaping ahead (catching up after downtime) would close thousands.
      const after = Math.max(previousWatermark, this.watermark - this.maxWindows * shapeOf(kind).slideMs);
      for (const w of windowsEndingIn(kind, after, this.watermark)) windows.set(w.startMs, w);
    }
    return [...windows.values()].sort((a, b) => a.startMs - b.startMs).slice(-this.maxWindows);
  }

  /** Panes whose version moved since the last check (the first check reports every recently changed pane). */
  private async changedPanes(): Promise<number[]> {
    const { rows } = await sql<{ pane_start: Date; version: number }>`
      SELECT pane_start, version FROM pane_changes
      WHERE changed_at > clock_timestamp() - ${COMMIT_SLACK}::interval`.execute(this.db);
    const changed: number[] = [];
    const recent = new Set<number>();
    for (const row of rows) {
      const pane = row.pane_start.getTime();
      recent.add(pane);
      if (this.seenVersions.get(pane) !== row.version) changed.push(pane);
      this.seenVersions.set(pane, row.version);
    }
    // A pane that changes again after dropping out of the slack comes back with a version not seen.
    for (const pane of this.seenVersions.keys()) if (!recent.has(pane)) this.seenVersions.delete(pane);
    return changed;
  }
}
