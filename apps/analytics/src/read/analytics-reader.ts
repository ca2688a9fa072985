import { analyticsV1, type Money, type Timestamp } from '@bazaar/contracts';
import type { Kysely } from '@bazaar/persistence';
import { ORDER_STATES, type AnalyticsDatabase } from '../db/schema.js';
import { overallWatermark } from '../windows/watermark.js';
import type { WindowBounds } from '../windows/window-kind.js';
import { funnelRows, lateRows, partitionStreamTimes, revenueRows, topProductRows, type ProductRow } from './window-queries.js';

const NANOS_PER_UNIT = 1_000_000_000n;

export interface ReaderSettings {
  /** The stream consumer whose stored stream times make the watermark. */
  consumer: string;
  allowedLatenessMs: number;
}

/** Answers window queries from the database (shared by every instance, so each answers the whole picture). */
export class AnalyticsReader {
  constructor(
    private readonly db: Kysely<AnalyticsDatabase>,
    private readonly settings: ReaderSettings,
  ) {}

  /** The lowest partition watermark, or undefined before any event. */
  async watermark(): Promise<number | undefined> {
    return overallWatermark(await partitionStreamTimes(this.db, this.settings.consumer), this.settings.allowedLatenessMs);
  }

  /** The latest event time seen on any partition, or undefined before any event. */
  async latestEventTime(): Promise<number | undefined> {
    const times = await partitionStreamTimes(this.db, this.settings.consumer);
    return times.length === 0 ? undefined : Math.max(...times);
  }

  async topProducts(windows: readonly WindowBounds[], limit: number): Promise<analyticsV1.TopProductsWindow[]> {
    if (windows.length === 0) return [];
    const [rows, watermark] = await Promise.all([topProductRows(this.db, windows, limit), this.watermark()]);
    return windows.map((w) => ({ window: toWindow(w, watermark), products: rows.filter((r) => r.startMs === w.startMs).map(toActivity) }));
  }

  async funnel(windows: readonly WindowBounds[]): Promise<analyticsV1.FunnelWindow[]> {
    if (windows.length === 0) return [];
    const [rows, watermark] = await Promise.all([funnelRows(this.db, windows), this.watermark()]);
    return windows.map((w) => {
      const of = (stage: string) => String(rows.find((r) => r.startMs === w.startMs && r.stage === stage)?.sessions ?? 0);
      return { window: toWindow(w, watermark), funnel: { viewed: of('viewed'), carted: of('carted'), ordered: of('PLACED'), shipped: of('SHIPPED') } };
    });
  }

  async revenue(windows: readonly WindowBounds[]): Promise<analyticsV1.RevenueWindow[]> {
    if (windows.length === 0) return [];
    const [{ counts, revenue }, watermark] = await Promise.all([revenueRows(this.db, windows), this.watermark()]);
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

  /** Everything WatchMetrics sends about one window. */
  async snapshot(window: WindowBounds, topLimit: number): Promise<analyticsV1.WatchMetricsResponse> {
    const windows = [window];
    const [[top], [funnel], [revenue], late] = await Promise.all([
      this.topProducts(windows, topLimit),
      this.funnel(windows),
      this.revenue(windows),
      lateRows(this.db, windows),
    ]);
    return {
      window: funnel?.window,
      funnel: funnel?.funnel,
      revenue: revenue?.states ?? [],
      topProducts: top?.products ?? [],
      lateEvents: String(late[0]?.events ?? 0),
    };
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
