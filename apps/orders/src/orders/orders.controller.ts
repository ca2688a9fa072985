import { Controller, Inject } from '@nestjs/common';
import { ordersV1 } from '@bazaar/contracts';
import { GrpcService, InvalidArgumentError, NotFoundError, type GrpcController } from '@bazaar/grpc';
import { callerUserId } from './caller.js';
import { ORDER_BOOK, OrderBook } from './order-book.js';
import { toOrderMessage } from './order-mapper.js';
import { encodePageToken, parseListRequest } from './page-token.js';
import { isWellFormedKey, validatePlaceOrder } from './place-order-request.js';

@Controller()
@GrpcService(ordersV1.OrderServiceService)
export class OrdersController implements GrpcController<typeof ordersV1.OrderServiceService> {
  constructor(@Inject(ORDER_BOOK) private readonly orders: OrderBook) {}

  async placeOrder(request: ordersV1.PlaceOrderRequest): Promise<ordersV1.PlaceOrderResponse> {
    const userId = callerUserId();
    // A retry of a placed order gets that order back before anything else is checked: the cart
    // behind the first attempt may be empty by now, and the answer must not change.
    if (isWellFormedKey(request.idempotencyKey)) {
      const placed = await this.orders.findByKey(userId, request.idempotencyKey);
      if (placed) return { order: toOrderMessage(placed) };
    }
    const order = await this.orders.place(userId, validatePlaceOrder(request));
    return { order: toOrderMessage(order) };
  }

  async getOrder(request: ordersV1.GetOrderRequest): Promise<ordersV1.GetOrderResponse> {
    const userId = callerUserId();
    if (!request.orderId) throw InvalidArgumentError.field('order_id', 'is required');
    if (request.orderId.length > 64) throw InvalidArgumentError.field('order_id', 'must be at most 64 characters');
    if (request.orderId.includes('\u0000')) throw InvalidArgumentError.field('order_id', 'must not contain NUL characters');
    const order = await this.orders.get(userId, request.orderId);
    // Another user's order is indistinguishable from a missing one.
    if (!order) throw new NotFoundError('order', request.orderId);
    return { order: toOrderMessage(order) };
  }

  async listOrders(request: ordersV1.ListOrdersRequest): Promise<ordersV1.ListOrdersResponse> {
    const userId = callerUserId();
    const page = parseListRequest(request.pageSize, request.pageToken, userId);
    const { rows, hasMore } = await this.orders.list(userId, page.pageSize, page.after);
    const last = rows.at(-1);
    return {
      orders: rows.map(toOrderMessage),
      nextPageToken: hasMore && last ? encodePageToken({ createdAt: new Date(last.created_at), id: last.id }, userId) : '',
    };
  }
}
