import { Body, Controller, Headers, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { messages, type cartV1, type ordersV1 } from '@bazaar/contracts';
import { GrpcStatus } from '@bazaar/grpc';
import type { Logger } from '@bazaar/observability';
import { BearerAuthGuard } from '../auth/bearer-auth.guard.js';
import { CLICKSTREAM, type Clickstream } from '../clickstream/clickstream.js';
import { visitorOf } from '../clickstream/visitor.js';
import { isGrpcError } from '../errors/grpc-to-http.js';
import { ProblemError, problem } from '../errors/problem.js';
import { ApiProblemResponses } from '../errors/problem.dto.js';
import { fromUpstream } from '../errors/upstream.js';
import { CART_CLIENT, ORDERS_CLIENT, type CartClient, type OrdersClient } from '../upstream-clients.js';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, ORDER_FIELD_NAMES, parseCheckout, parseIdempotencyKey } from './order-input.js';
import { CheckoutAcceptedDto, CheckoutDto, orderStatusName } from './order.dto.js';

export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');

const EMPTY_CART = 'The cart is empty; add items before checking out.';

function linesOf(cart: cartV1.Cart | undefined): ordersV1.OrderLine[] {
  return (cart?.items ?? []).map((item) => ({ productId: item.productId, quantity: item.quantity, unitPrice: item.unitPrice }));
}

function sameLines(a: ordersV1.OrderLine[], b: ordersV1.OrderLine[]): boolean {
  const key = (lines: ordersV1.OrderLine[]) => lines.map((l) => `${l.productId}\u0000${l.quantity}`).sort().join('\u0001');
  return key(a) === key(b);
}

@ApiTags('orders')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/checkout')
export class CheckoutController {
  constructor(
    @Inject(CART_CLIENT) private readonly cart: CartClient,
    @Inject(ORDERS_CLIENT) private readonly orders: OrdersClient,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
    @Inject(CLICKSTREAM) private readonly clickstream: Clickstream,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: "Check out the caller's cart",
    description:
      'Places an order for the cart\'s lines and starts the checkout saga; poll the order at `Location` for its outcome. ' +
      'Retries with the same `Idempotency-Key` return the same order (also once the cart was emptied). ' +
      'An empty cart with a new key is a 409.',
  })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'Client-chosen key, the same for every retry of one checkout.', schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN } })
  @ApiBody({ type: CheckoutDto })
  @ApiAcceptedResponse({ type: CheckoutAcceptedDto, description: 'The order was placed; `Location` is its URL.', headers: { Location: { description: '/api/orders/{orderId}', schema: { type: 'string' } } } })
  @ApiProblemResponses(400, 401, 409, 429, 502, 503, 504)
  async checkout(
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckoutAcceptedDto> {
    const idempotencyKey = parseIdempotencyKey(idempotencyKeyHeader);
    const { shippingAddress, cardToken } = parseCheckout(body);
    const lines = linesOf((await fromUpstream(this.cart.getCart({}))).cart);
    const order = await this.placeOrder({ idempotencyKey, lines, shippingAddress, cardToken });
    // A retry after the cart changed returns the earlier order: only empty the cart that order was made of.
    if (lines.length > 0 && sameLines(order.lines, lines)) await this.emptyCart(order.orderId);
    this.clickstream.emit(messages.CheckoutStarted, { ...visitorOf(request), orderId: order.orderId });
    reply.header('location', `/api/orders/${encodeURIComponent(order.orderId)}`);
    return { orderId: order.orderId, status: orderStatusName(order.status) };
  }

  /** An empty cart is still sent, so a retry of a checkout that already emptied it gets its order back. */
  private async placeOrder(request: ordersV1.PlaceOrderRequest): Promise<ordersV1.Order> {
    try {
      const { order } = await this.orders.placeOrder(request);
      if (!order) throw new ProblemError(problem(502, 'An upstream service failed.'));
      return order;
    } catch (error) {
      const rejected = isGrpcError(error) && (error.code === GrpcStatus.INVALID_ARGUMENT || error.code === GrpcStatus.FAILED_PRECONDITION);
      if (rejected && request.lines.length === 0) throw new ProblemError(problem(409, EMPTY_CART), { cause: error });
      return fromUpstream(Promise.reject(error), ORDER_FIELD_NAMES);
    }
  }

  private async emptyCart(orderId: string): Promise<void> {
    try {
      await this.cart.emptyCart({});
    } catch (error) {
      // The order stands; a cart left full is the lesser harm than failing a placed checkout.
      this.logger.warn({ orderId, code: isGrpcError(error) ? GrpcStatus[error.code] : undefined }, 'checkout: emptying the cart failed');
    }
  }
}
