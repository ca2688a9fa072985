import { sql, type Kysely } from '@bazaar/persistence';

type RawBuilder<T> = ReturnType<typeof sql<T>>;
import type { AnalyticsDatabase, OrderState } from '../db/schema.js';
import type { PartitionTime } from '../windows/watermark.js';
import { shapeOf, type WindowBounds } from '../windows/window-kind.js';

/** Rows keyed by window start (epoch ms). */
export interface FunnelRow { startMs: number; stage: 'viewed' | 'carted' | 'PLACED' | 'SHIPPED'; sessions: number }
export interface OrderCountRow { startMs: number; state: OrderState; orders: number }
export interface RevenueRow { startMs: number; state: OrderState; currencyCode: string; nanos: bigint }
export interface ProductRow { startMs: number; productId: string; views: number; addedToCart: number; ordered: number }
export interface LateRow { startMs: number; events: number }

/**
 * The windows as a relation `w(start)`, and the join condition "pane lies in the window": every
 * query combines 1-minute panes into windows in SQL, so either instance answers from the shared tables.
 */
function windowsCte(windows: readonly WindowBounds[]): { cte: RawBuilder<unknown>; size: RawBuilder<unknown> } {
  const first = windows[0];
  const last = windows.at(-1);
  if (!first || !last) throw new RangeError('no windows to query');
  const { sizeMs, slideMs } = shapeOf(first.kind);
  return {
    cte: sql`w AS (SELECT generate_series(${new Date(first.startMs)}::timestamptz, ${new Date(last.startMs)}::timestamptz, ${`${slideMs} milliseconds`}::interval) AS start)`,
    size: sql`${`${sizeMs} milliseconds`}::interval`,
  };
}

const ms = (date: Date): number => date.getTime();

export async function funnelRows(db: Kysely<AnalyticsDatabase>, windows: readonly WindowBounds[]): Promise<FunnelRow[]> {
  const { cte, size } = windowsCte(windows);
  const { rows } = await sql<{ start: Date; stage: FunnelRow['stage']; sessions: number }>`
    WITH ${cte}
    SELECT w.start, s.stage, count(DISTINCT s.session_id)::bigint AS sessions
      FROM w JOIN session_panes s ON s.pane_start >= w.start AND s.pane_start < w.start + ${size}
      GROUP BY w.start, s.stage
    UNION ALL
    SELECT w.start, o.state, count(DISTINCT c.session_id)::bigint
      FROM w JOIN order_panes o ON o.pane_start >= w.start AND o.pane_start < w.start + ${size}
      JOIN checkout_sessions c ON c.order_id = o.order_id
      WHERE o.state IN ('PLACED', 'SHIPPED')
      GROUP BY w.start, o.state`.execute(db);
  return rows.map((r) => ({ startMs: ms(r.start), stage: r.stage, sessions: Number(r.sessions) }));
}

export async function revenueRows(db: Kysely<AnalyticsDatabase>, windows: readonly WindowBounds[]): Promise<{ counts: OrderCountRow[]; revenue: RevenueRow[] }> {
  const { cte, size } = windowsCte(windows);
  const ordersInWindows = sql`${cte}, o AS (
      SELECT DISTINCT w.start, p.state, p.order_id
      FROM w JOIN order_panes p ON p.pane_start >= w.start AND p.pane_start < w.start + ${size})`;
  const counts = await sql<{ start: Date; state: OrderState; orders: number }>`
    WITH ${ordersInWindows}
    SELECT start, state, count(*)::bigint AS orders FROM o GROUP BY start, state`.execute(db);
  const revenue = await sql<{ start: Date; state: OrderState; currency_code: string; nanos: string }>`
    WITH ${ordersInWindows}
    SELECT o.start, o.state, a.currency_code, sum(a.amount_nanos)::text AS nanos
      FROM o JOIN order_amounts a ON a.order_id = o.order_id
      GROUP BY o.start, o.state, a.currency_code`.execute(db);
  return {
    counts: counts.rows.map((r) => ({ startMs: ms(r.start), state: r.state, orders: Number(r.orders) })),
    revenue: revenue.rows.map((r) => ({ startMs: ms(r.start), state: r.state, currencyCode: r.currency_code, nanos: BigInt(r.nanos) })),
  };
}

/** The top `limit` products of each window: most views, then most add-to-cart, then product id. */
export async function topProductRows(db: Kysely<AnalyticsDatabase>, windows: readonly WindowBounds[], limit: number): Promise<ProductRow[]> {
  const { cte, size } = windowsCte(windows);
  const { rows } = await sql<{ start: Date; product_id: string; views: number; carted: number; ordered: number }>`
    WITH ${cte},
    counted AS (
      SELECT w.start, p.product_id, sum(p.views)::bigint AS views, sum(p.added_to_cart)::bigint AS carted
      FROM w JOIN product_panes p ON p.pane_start >= w.start AND p.pane_start < w.start + ${size}
      GROUP BY w.start, p.product_id),
    ordered AS (
      SELECT w.start, po.product_id, count(DISTINCT po.order_id)::bigint AS ordered
      FROM w JOIN product_orders po ON po.pane_start >= w.start AND po.pane_start < w.start + ${size}
      GROUP BY w.start, po.product_id),
    merged AS (
      SELECT coalesce(c.start, o.start) AS start, coalesce(c.product_id, o.product_id) AS product_id,
             coalesce(c.views, 0) AS views, coalesce(c.carted, 0) AS carted, coalesce(o.ordered, 0) AS ordered
      FROM counted c FULL JOIN ordered o ON o.start = c.start AND o.product_id = c.product_id),
    ranked AS (
      SELECT *, row_number() OVER (PARTITION BY start ORDER BY views DESC, carted DESC, product_id COLLATE "C") AS rank
      FROM merged)
    SELECT start, product_id, views, carted, ordered FROM ranked WHERE rank <= ${limit} ORDER BY start, rank`.execute(db);
  return rows.map((r) => ({ startMs: ms(r.start), productId: r.product_id, views: Number(r.views), addedToCart: Number(r.carted), ordered: Number(r.ordered) }));
}

export async function lateRows(db: Kysely<AnalyticsDatabase>, windows: readonly WindowBounds[]): Promise<LateRow[]> {
  const { cte, size } = windowsCte(windows);
  const { rows } = await sql<{ start: Date; events: number }>`
    WITH ${cte}
    SELECT w.start, sum(l.events)::bigint AS events
      FROM w JOIN late_events l ON l.pane_start >= w.start AND l.pane_start < w.start + ${size}
      GROUP BY w.start`.execute(db);
  return rows.map((r) => ({ startMs: ms(r.start), events: Number(r.events) }));
}

/**
 * Every partition the consumer has seen events on: its stream time, and whether nothing was applied from it
 * for `idleAfterMs` (database clock; 0 = never idle).
 */
export async function partitionTimes(db: Kysely<AnalyticsDatabase>, consumer: string, idleAfterMs: number): Promise<PartitionTime[]> {
  const { rows } = await sql<{ stream_time: Date; idle: boolean }>`
    SELECT stream_time, (${idleAfterMs}::int > 0 AND updated_at < now() - ${idleAfterMs}::int * interval '1 millisecond') AS idle
    FROM messaging_stream_offsets WHERE consumer = ${consumer} AND stream_time IS NOT NULL`.execute(db);
  return rows.map((r) => ({ streamTimeMs: ms(r.stream_time), idle: r.idle }));
}
