import { Controller } from '@nestjs/common';
import { money, shippingV1 } from '@bazaar/contracts';
import { currentCallContext, GrpcService, InvalidArgumentError, NotFoundError, type GrpcController } from '@bazaar/grpc';
import { parseQuoteRequest } from './quotes/quote-request.js';
import { quote } from './quotes/rate-card.js';
import { ShipmentRepository } from './shipments/shipment-repository.js';

const MAX_ORDER_ID_LENGTH = 128;

@Controller()
@GrpcService(shippingV1.ShippingServiceService)
export class ShippingController implements GrpcController<typeof shippingV1.ShippingServiceService> {
  constructor(private readonly shipments: ShipmentRepository) {}

  async getQuote(request: shippingV1.GetQuoteRequest): Promise<shippingV1.GetQuoteResponse> {
    const { units, countryCode } = parseQuoteRequest(request);
    const priced = quote(units, countryCode);
    return {
      cost: money(priced.currencyCode, priced.costCents),
      carrier: priced.carrier,
      estimatedDays: priced.estimatedDays,
    };
  }

  /** A shipment another user owns is reported as NOT_FOUND, so order ids can't be probed. */
  async getShipment(request: shippingV1.GetShipmentRequest): Promise<shippingV1.GetShipmentResponse> {
    const orderId = request.orderId ?? '';
    if (orderId.trim().length === 0) throw InvalidArgumentError.field('order_id', 'is required');
    if (orderId.length > MAX_ORDER_ID_LENGTH) throw InvalidArgumentError.field('order_id', `must be at most ${MAX_ORDER_ID_LENGTH} characters`);
    // PostgreSQL text cannot hold NUL: no order id has one, and the query would fail (INTERNAL).
    if (orderId.includes('\u0000')) throw InvalidArgumentError.field('order_id', 'must not contain NUL characters');
    const row = await this.shipments.findByOrderId(orderId);
    const userId = currentCallContext()?.propagated['x-user-id'];
    if (!row || (userId !== undefined && userId !== row.user_id)) throw new NotFoundError('shipment', orderId);
    return {
      shipment: { shipmentId: row.id, orderId: row.order_id, trackingId: row.tracking_id, carrier: row.carrier, cancelled: row.cancelled_at !== null },
    };
  }
}
