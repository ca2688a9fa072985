import { Controller } from '@nestjs/common';
import { analyticsV1 } from '@bazaar/contracts';
import { GrpcService, InvalidArgumentError, ResourceExhaustedError, type FieldViolation, type GrpcController } from '@bazaar/grpc';
import type { Observable } from 'rxjs';
import { AnalyticsReader } from './read/analytics-reader.js';
import { parseLimit, parseWindowKind, parseWindowRange } from './read/query-request.js';
import { MetricsWatcher } from './watch/metrics-watcher.js';

type Service = typeof analyticsV1.AnalyticsServiceService;

@Controller()
@GrpcService(analyticsV1.AnalyticsServiceService)
export class AnalyticsController implements Omit<GrpcController<Service>, 'watchMetrics'> {
  constructor(
    private readonly reader: AnalyticsReader,
    private readonly watcher: MetricsWatcher,
  ) {}

  async getTopProducts(request: analyticsV1.GetTopProductsRequest): Promise<analyticsV1.GetTopProductsResponse> {
    const violations: FieldViolation[] = [];
    const limit = parseLimit(request.limit, 'limit', violations);
    const { windows } = parseWindowRange(request.range, Date.now(), violations);
    return { windows: await this.reader.topProducts(windows, limit) };
  }

  async getFunnel(request: analyticsV1.GetFunnelRequest): Promise<analyticsV1.GetFunnelResponse> {
    const { windows } = parseWindowRange(request.range, Date.now());
    return { windows: await this.reader.funnel(windows) };
  }

  async getRevenue(request: analyticsV1.GetRevenueRequest): Promise<analyticsV1.GetRevenueResponse> {
    const { windows } = parseWindowRange(request.range, Date.now());
    return { windows: await this.reader.revenue(windows) };
  }

  /** Server-streaming: Nest writes each emitted update and ends the call when the Observable completes (shutdown). */
  watchMetrics(request: analyticsV1.WatchMetricsRequest): Observable<analyticsV1.WatchMetricsResponse> {
    const violations: FieldViolation[] = [];
    const kind = parseWindowKind(request.window, 'window', violations);
    const topLimit = parseLimit(request.topLimit, 'top_limit', violations);
    if (violations.length > 0) throw new InvalidArgumentError(violations);
    if (!this.watcher.hasRoom()) throw new ResourceExhaustedError('This analytics instance serves as many WatchMetrics streams as it may; retry later or on another instance.');
    return this.watcher.watch(kind, topLimit);
  }
}
