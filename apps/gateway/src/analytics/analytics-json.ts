import { analyticsV1, type Timestamp } from '@bazaar/contracts';
import type { MoneyDto } from '../products/product.dto.js';
import { windowName } from './analytics-query.js';
import type {
  FunnelDto,
  FunnelResponseDto,
  MetricsUpdateDto,
  ProductActivityDto,
  RevenueResponseDto,
  StateRevenueDto,
  TopProductsResponseDto,
  WindowDto,
} from './analytics.dto.js';

// Explicit mappings rather than toJSON: proto3 JSON leaves out zeros and
// false, and a dashboard wants `"ordered": "0"` and `"closed": false` spelled out.

function isoOf(timestamp: Timestamp | undefined): string {
  if (!timestamp) return new Date(0).toISOString();
  return new Date(Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000)).toISOString();
}

function windowJson(window: analyticsV1.Window | undefined): WindowDto {
  return { kind: windowName(window?.kind ?? analyticsV1.WindowKind.WINDOW_KIND_UNSPECIFIED), start: isoOf(window?.start), end: isoOf(window?.end), closed: window?.closed ?? false };
}

function funnelJson(funnel: analyticsV1.Funnel | undefined): FunnelDto {
  const { viewed = '0', carted = '0', ordered = '0', shipped = '0' } = funnel ?? {};
  return { viewed, carted, ordered, shipped };
}

function productJson(p: analyticsV1.ProductActivity): ProductActivityDto {
  return { productId: p.productId, views: p.views, addedToCart: p.addedToCart, ordered: p.ordered, conversionPpm: p.conversionPpm };
}

function stateJson(s: analyticsV1.StateRevenue): StateRevenueDto {
  // Money as every other route renders it: the proto3 JSON of google.type.Money.
  const { revenue = [] } = analyticsV1.StateRevenue.toJSON(s) as { revenue?: MoneyDto[] };
  return { state: s.state, orderCount: s.orderCount, revenue };
}

export function topProductsJson(response: analyticsV1.GetTopProductsResponse): TopProductsResponseDto {
  return { windows: response.windows.map((w) => ({ window: windowJson(w.window), products: w.products.map(productJson) })) };
}

export function funnelResponseJson(response: analyticsV1.GetFunnelResponse): FunnelResponseDto {
  return { windows: response.windows.map((w) => ({ window: windowJson(w.window), funnel: funnelJson(w.funnel) })) };
}

export function revenueJson(response: analyticsV1.GetRevenueResponse): RevenueResponseDto {
  return { windows: response.windows.map((w) => ({ window: windowJson(w.window), states: w.states.map(stateJson) })) };
}

export function metricsUpdateJson(update: analyticsV1.WatchMetricsResponse): MetricsUpdateDto {
  return {
    window: windowJson(update.window),
    funnel: funnelJson(update.funnel),
    revenue: update.revenue.map(stateJson),
    topProducts: update.topProducts.map(productJson),
    lateEvents: update.lateEvents,
  };
}
