import { applyDecorators, Controller, Get, Inject, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BearerAuthGuard } from '../auth/bearer-auth.guard.js';
import { RequireScope, ScopeGuard } from '../auth/scope.guard.js';
import { ApiProblemResponses } from '../errors/problem.dto.js';
import { fromUpstream } from '../errors/upstream.js';
import { ANALYTICS_CLIENT, type AnalyticsClient } from './analytics-client.js';
import { funnelResponseJson, revenueJson, topProductsJson } from './analytics-json.js';
import { MAX_TOP_LIMIT, parseRangeQuery, parseWatchQuery, WINDOW_NAMES } from './analytics-query.js';
import { FunnelResponseDto, MetricsUpdateDto, RevenueResponseDto, TopProductsResponseDto } from './analytics.dto.js';
import { METRICS_STREAMS, type MetricsStreams } from './metrics-stream.js';

/** gRPC field name → the HTTP parameter the client used. */
const FIELD_NAMES: Record<string, string> = { 'range.window': 'window', 'range.from': 'from', 'range.to': 'to', window: 'window', top_limit: 'limit' };

const windowQuery = ApiQuery({
  name: 'window',
  required: false,
  description: 'Window shape: tumbling 1m, 5m, 1h; 5m-sliding advances every minute, 1h-sliding every 5 minutes. Default 1m.',
  schema: { type: 'string', enum: WINDOW_NAMES },
});
const fromQuery = ApiQuery({ name: 'from', required: false, description: 'Windows starting at or after this instant (RFC 3339). Default: an hour ago.', schema: { type: 'string', format: 'date-time' } });
const toQuery = ApiQuery({ name: 'to', required: false, description: 'Windows starting before this instant (RFC 3339). Default: now.', schema: { type: 'string', format: 'date-time' } });
/** The parameters and error answers every range query shares. */
const rangeQuery = applyDecorators(windowQuery, fromQuery, toQuery, ApiProblemResponses(400, 401, 403, 502, 503, 504));
const limitQuery = ApiQuery({ name: 'limit', required: false, description: 'Products per window, 1 to 100 (default 10).', schema: { type: 'integer', minimum: 1, maximum: MAX_TOP_LIMIT } });

/**
 * Shop-wide aggregates of the analytics service, by event-time window. An
 * operator's view: every route needs a bearer token carrying the analytics
 * scope (AUTH_ANALYTICS_SCOPE); a shopper's token is 403.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@RequireScope('analytics')
@UseGuards(BearerAuthGuard, ScopeGuard)
@Controller('api/analytics')
export class AnalyticsController {
  constructor(
    @Inject(ANALYTICS_CLIENT) private readonly analytics: AnalyticsClient,
    @Inject(METRICS_STREAMS) private readonly streams: MetricsStreams,
  ) {}

  @Get('top-products')
  @ApiOperation({ summary: 'Most viewed products per window' })
  @rangeQuery
  @limitQuery
  @ApiOkResponse({ type: TopProductsResponseDto })
  async topProducts(@Query() query: Record<string, unknown>): Promise<TopProductsResponseDto> {
    const { range, limit } = parseRangeQuery(query, { limit: true });
    return topProductsJson(await fromUpstream(this.analytics.queries.getTopProducts({ range, limit }), FIELD_NAMES));
  }

  @Get('funnel')
  @ApiOperation({ summary: 'Viewed → carted → ordered → shipped sessions per window' })
  @rangeQuery
  @ApiOkResponse({ type: FunnelResponseDto })
  async funnel(@Query() query: Record<string, unknown>): Promise<FunnelResponseDto> {
    const { range } = parseRangeQuery(query, { limit: false });
    return funnelResponseJson(await fromUpstream(this.analytics.queries.getFunnel({ range }), FIELD_NAMES));
  }

  @Get('revenue')
  @ApiOperation({ summary: 'Revenue and order count by order state per window' })
  @rangeQuery
  @ApiOkResponse({ type: RevenueResponseDto })
  async revenue(@Query() query: Record<string, unknown>): Promise<RevenueResponseDto> {
    const { range } = parseRangeQuery(query, { limit: false });
    return revenueJson(await fromUpstream(this.analytics.queries.getRevenue({ range }), FIELD_NAMES));
  }

  @Get('stream')
  @ApiOperation({
    summary: 'Live metrics as Server-Sent Events',
    description:
      'One `metrics` event (data: MetricsUpdate JSON) whenever a window of the chosen shape changes, and a final one when it closes. ' +
      'Comment lines (`: heartbeat`) keep idle connections open. If the analytics service fails the stream, an `error` event ' +
      'carries a problem object and the response ends; reconnect (EventSource does so by itself).',
  })
  @ApiProduces('text/event-stream')
  @windowQuery
  @limitQuery
  @ApiOkResponse({ type: MetricsUpdateDto, description: 'text/event-stream; each `metrics` event\'s data is one MetricsUpdate.' })
  @ApiProblemResponses(400, 401, 403, 502, 503, 504)
  async stream(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.streams.serve(request, reply, parseWatchQuery(query));
  }
}
