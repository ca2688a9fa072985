import { analyticsV1, type Money, type Timestamp } from '@bazaar/contracts';
import type { Kysely } from '@bazaar/persistence';
import { ORDER_STATES, type AnalyticsDatabase } from '../db/schema.js';
import { overallWatermark } from '../windows/watermark.js';
import type { WindowBounds } from '../windows/window-kind.js';
import { funnelRows, lateRows, partitionTimes, revenueRows, topProductRows, type ProductRow } from './window-queries.js';

const NANOS_PER_UNIT = 1_000_000_000n;

export interface ReaderSettings {
  /** The stream consumer whose stored stream times make the watermark. */
  consumer: string;
  allowedLatenessMs: number;
  /** A partition nothing was applied from for this long no longer holds window closing back; 0 = never. */
  idlePartitionMs?: number;
}

/**
 * Answers window queries from the database (shared by every instance, so each answers the whole picture).
 * Each answer reads one REPEATABLE READ snapshot: the watermark and the numbers come from the same commits,
 * so a window reported closed never misses facts of the batch that closed it.
 */
export class AnalyticsReader {
  constructor(
    private readonly db: Kysely<AnalyticsDatabase>,
    private readonly settings: ReaderSettings,
  ) {}

  /** The lowest partition watermark, or undefined before any event. */
  async watermark(): Promise<number | undefined> {
    return this.watermarkIn(this.db);
  }

  /** The latest event time seen on any partition, or undefined before any event. */
  async latestEventTime(): Promise<number | undefined> {
    const times = (await partitionTimes(this.db, this.settings.consumer, 0)).map((p) => p.streamTimeMs);
    return times.length === 0 ? undefined : Math.max(...times);
  }

  async topProducts(windows: readonly WindowBounds[], limit: number): Promise<analyticsV1.TopProductsWindow[]> {
    return windows.length === 0 ? [] : this.consistently((db) => this.topProductsIn(db, windows, limit));
  }

  async funnel(windows: readonly WindowBounds[]): Promise<analyticsV1.FunnelWindow[]> {
    return windows.length === 0 ? [] : this.consistently((db) => this.funnelIn(db, windows));
  }

  async revenue(windows: readonly WindowBounds[]): Promise<analyticsV1.RevenueWindow[]> {
    return windows.length === 0 ? [] : this.consistently((db) => this.revenueIn(db, windows));
  }

  /** Everything WatchMetrics sends about one window. */
  async snapshot(window: WindowBounds, topLimit: number): Promise<analyticsV1.WatchMetricsResponse> {
    const windows = [window];
    return this.consistently(async (db) => {
      const [top] = await this.topProductsIn(db, windows, topLimit);
      const [funnel] = await this.funnelIn(db, windows);
      const [revenue] = await this.revenueIn(db, windows);
      const late = await lateRows(db, windows);
      return {
        window: funnel?.window,
        funnel: funnel?.funnel,
        revenue: revenue?.states ?? [],
        topProducts: top?.products ?? [],
        lateEvents: String(late[0]?.events ?? 0),
      };
    });
  }

  private consistently<T>(read: (db: Kysely<AnalyticsDatabase>) => Promise<T>): Promise<T> {
    return this.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read);
  }

  private async watermarkIn(db: Kysely<AnalyticsDatabase>): Promise<number | undefined> {
    return overallWatermark(await partitionTimes(db, this.settings.consumer, this.settings.idlePartitionMs ?? 0), this.settings.allowedLatenessMs);
  }

  private async topProductsIn(db: Kysely<AnalyticsDatabase>, windows: readonly WindowBounds[], limit: number): Promise<analyticsV1.TopProductsWindow[]> {
    const watermark = await this.watermarkIn(db);
    const rows = await topProductRows(db, windows, limit);
    return windows.map((w) => ({ window: toWindow(w, watermark), products: rows.filter((r) => r.startMs === w.startMs).map(toActivity) }));
  }

  private async funnelIn(db: Kysely<AnalyticsDatabase>, windows: readonly WindowBounds[]): Promise<analyticsV1.FunnelWindow[]> {
    const watermark = await this.watermarkIn(db);
    const rows = await funnelRows(db, windows);
    return windows.map((w) => {
      const of = (stage: string) => String(rows.find((r) => r.startMs === w.startMs && r.stage === stage)?.sessions ?? 0);
      return { window: toWindow(w, watermark), funnel: { viewed: of('viewed'), carted: of('carted'), ordered: of('PLACED'), shipped: of('SHIPPED') } };
    });
  }

  private async revenueIn(db: Kysely<AnalyticsDatabase>, windows: readonly WindowBounds[]): Promise<analyticsV1.RevenueWindow[]> {
    const watermark = await this.watermarkIn(db);
    const { counts, revenue } = await revenueRows(db, windows);
    return windows.map((w) => ({
      window: toWindow(w, watermark),
      states: ORDER_STATES.map((state) => ({
        state,
        orderCount: String(counts.find((c) => c.startMs === w.startMs && c.state === state)?.orders ?? 0),
        revenue: revenue
          .filter((r) => r.startMs === w.startMs && r.state === state)
          .sort((a, b) => a.currencyCode.localeCompare(b.currencyCode))
          .map((r) => moneyFromNanos(r.currencyCode, r.nanos)),
      })),
    }));
  }
}

export function toTimestamp(epochMs: number): Timestamp {
  return { seconds: String(Math.floor(epochMs / 1000)), nanos: (epochMs % 1000) * 1_000_000 };
}

function toWindow(w: WindowBounds, watermark: number | undefined): analyticsV1.Window {
  return { kind: w.kind, start: toTimestamp(w.startMs), end: toTimestamp(w.endMs), closed: watermark !== undefined && w.endMs <= watermark };
}

function toActivity(row: ProductRow): analyticsV1.ProductActivity {
  const conversionPpm = row.views === 0 ? 0n : (BigInt(row.ordered) * 1_000_000n) / BigInt(row.views);
  return {
    productId: row.productId,
    views: String(row.views),
    addedToCart: String(row.addedToCart),
    ordered: String(row.ordered),
    conversionPpm: conversionPpm.toString(),
  };
}

/** google.type.Money from an exact nano amount: units and nanos carry the same sign. */
export function moneyFromNanos(currencyCode: string, nanos: bigint): Money {
  return { currencyCode, units: (nanos / NANOS_PER_UNIT).toString(), nanos: Number(nanos % NANOS_PER_UNIT) };
}
