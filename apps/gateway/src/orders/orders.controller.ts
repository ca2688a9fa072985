import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard } from '../auth/bearer-auth.guard.js';
import { ProblemError, problem } from '../errors/problem.js';
import { ApiProblemResponses } from '../errors/problem.dto.js';
import { fromUpstream } from '../errors/upstream.js';
import { ORDERS_CLIENT, type OrdersClient } from '../upstream-clients.js';
import { MAX_PAGE_SIZE, ORDER_FIELD_NAMES, ORDER_ID_PATTERN, parseOrderId, parseOrderPage } from './order-input.js';
import { OrderDto, OrderPageDto, orderJson } from './order.dto.js';

@ApiTags('orders')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/orders')
export class OrdersController {
  constructor(@Inject(ORDERS_CLIENT) private readonly orders: OrdersClient) {}

  @Get()
  @ApiOperation({ summary: "The caller's orders, newest first" })
  @ApiQuery({ name: 'page_size', required: false, description: 'Orders per page; 0 or absent means the default.', schema: { type: 'integer', minimum: 0, maximum: MAX_PAGE_SIZE } })
  @ApiQuery({ name: 'page_token', required: false, description: '`nextPageToken` of the previous page.', schema: { type: 'string', maxLength: 512 } })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblemResponses(400, 401, 502, 503, 504)
  async list(@Query() query: Record<string, unknown>): Promise<OrderPageDto> {
    const page = await fromUpstream(this.orders.listOrders(parseOrderPage(query)), ORDER_FIELD_NAMES);
    return { orders: page.orders.map(orderJson), nextPageToken: page.nextPageToken };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller\'s orders: status and saga timeline', description: "Another user's order is a 404, like a missing one." })
  @ApiParam({ name: 'id', schema: { type: 'string', pattern: ORDER_ID_PATTERN } })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblemResponses(400, 401, 404, 502, 503, 504)
  async get(@Param('id') id: string): Promise<OrderDto> {
    const { order } = await fromUpstream(this.orders.getOrder({ orderId: parseOrderId(id) }), ORDER_FIELD_NAMES);
    if (!order) throw new ProblemError(problem(502, 'An upstream service failed.'));
    return orderJson(order);
  }
}
