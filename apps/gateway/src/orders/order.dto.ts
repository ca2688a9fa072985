import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ordersV1 } from '@bazaar/contracts';
import { MoneyDto } from '../products/product.dto.js';
import { CARD_TOKEN_PATTERN, COUNTRY_CODE_PATTERN } from './order-input.js';

export const ORDER_STATUSES = ['PENDING', 'STOCK_RESERVED', 'CONFIRMED', 'SHIPPED', 'CANCELLED'];

export class ShippingAddressDto {
  @ApiProperty({ maxLength: 100, example: 'Ada Lovelace' })
  name!: string;

  @ApiProperty({ maxLength: 200, example: '12 St James Square' })
  street!: string;

  @ApiProperty({ maxLength: 100, example: 'London' })
  city!: string;

  @ApiProperty({ maxLength: 20, example: 'SW1Y 4JH' })
  postalCode!: string;

  @ApiProperty({ pattern: COUNTRY_CODE_PATTERN, description: 'ISO 3166-1 alpha-2.', example: 'GB' })
  countryCode!: string;
}

export class CheckoutDto {
  @ApiProperty({ type: ShippingAddressDto })
  shippingAddress!: ShippingAddressDto;

  @ApiProperty({ pattern: CARD_TOKEN_PATTERN, description: 'Opaque token from the card vault; never logged.', example: 'tok_visa' })
  cardToken!: string;
}

export class CheckoutAcceptedDto {
  @ApiProperty({ example: '01JD3N4V3X8Q2W5Y7Z9A1B2C3D' })
  orderId!: string;

  @ApiProperty({ enum: ORDER_STATUSES, example: 'PENDING' })
  status!: string;
}

export class OrderLineDto {
  @ApiProperty()
  productId!: string;

  @ApiProperty()
  quantity!: number;

  @ApiPropertyOptional({ type: MoneyDto })
  unitPrice?: MoneyDto;
}

export class TimelineEntryDto {
  @ApiProperty({ example: 'reserve_stock' })
  step!: string;

  @ApiProperty({ example: 'succeeded' })
  outcome!: string;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  at?: string;
}

export class OrderDto {
  @ApiProperty()
  orderId!: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status!: string;

  @ApiProperty({ type: [OrderLineDto] })
  lines!: OrderLineDto[];

  @ApiPropertyOptional({ type: MoneyDto })
  total?: MoneyDto;

  @ApiPropertyOptional({ type: ShippingAddressDto })
  shippingAddress?: ShippingAddressDto;

  @ApiPropertyOptional({ description: 'Why the order was cancelled.' })
  cancelReason?: string;

  @ApiPropertyOptional()
  trackingId?: string;

  @ApiProperty({ type: [TimelineEntryDto], description: 'Each saga step, oldest first.' })
  timeline!: TimelineEntryDto[];

  @ApiPropertyOptional({ format: 'date-time' })
  createdAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  updatedAt?: string;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] })
  orders!: OrderDto[];

  @ApiProperty({ description: 'Pass as page_token for the next page; empty on the last page.' })
  nextPageToken!: string;
}

/** "ORDER_STATUS_SHIPPED" → "SHIPPED". */
export function orderStatusName(status: ordersV1.OrderStatus): string {
  return ordersV1.orderStatusToJSON(status).replace(/^ORDER_STATUS_/, '');
}

/** Proto3 JSON of an order, with short status names, arrays always present and the owner left out. */
export function orderJson(order: ordersV1.Order): OrderDto {
  const { userId: _owner, ...json } = ordersV1.Order.toJSON(order) as Partial<OrderDto> & { userId?: string };
  return { lines: [], timeline: [], ...json, orderId: order.orderId, status: orderStatusName(order.status) };
}
