import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from '../products/product.dto.js';
import { WINDOW_NAMES } from './analytics-query.js';

// Counts are int64 and, as everywhere in this API (proto3 JSON), travel as strings.

export class WindowDto {
  @ApiProperty({ enum: WINDOW_NAMES, example: '1m' })
  kind!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T10:00:00.000Z' })
  start!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T10:01:00.000Z' })
  end!: string;

  @ApiProperty({ description: 'True once event time has passed the end plus the allowed lateness: the numbers are final.' })
  closed!: boolean;
}

export class FunnelDto {
  @ApiProperty({ description: 'Distinct sessions that viewed a product.', example: '12' })
  viewed!: string;

  @ApiProperty({ description: 'Distinct sessions that added to the cart.', example: '4' })
  carted!: string;

  @ApiProperty({ description: 'Distinct sessions that placed an order.', example: '2' })
  ordered!: string;

  @ApiProperty({ description: 'Distinct sessions whose order shipped.', example: '1' })
  shipped!: string;
}

export class ProductActivityDto {
  @ApiProperty({ example: '6E92ZMYYFZ' })
  productId!: string;

  @ApiProperty({ example: '12' })
  views!: string;

  @ApiProperty({ example: '4' })
  addedToCart!: string;

  @ApiProperty({ description: 'Orders placed that contain the product.', example: '2' })
  ordered!: string;

  @ApiProperty({ description: 'ordered / views in parts per million.', example: '166666' })
  conversionPpm!: string;
}

export class StateRevenueDto {
  @ApiProperty({ enum: ['PLACED', 'CONFIRMED', 'CANCELLED', 'SHIPPED'] })
  state!: string;

  @ApiProperty({ example: '2' })
  orderCount!: string;

  @ApiProperty({ type: [MoneyDto], description: 'One amount per currency.' })
  revenue!: MoneyDto[];
}

export class FunnelWindowDto {
  @ApiProperty({ type: WindowDto })
  window!: WindowDto;

  @ApiProperty({ type: FunnelDto })
  funnel!: FunnelDto;
}

export class FunnelResponseDto {
  @ApiProperty({ type: [FunnelWindowDto], description: 'Every window of the range, oldest first.' })
  windows!: FunnelWindowDto[];
}

export class TopProductsWindowDto {
  @ApiProperty({ type: WindowDto })
  window!: WindowDto;

  @ApiProperty({ type: [ProductActivityDto], description: 'Most viewed first (ties: more added to cart, then id).' })
  products!: ProductActivityDto[];
}

export class TopProductsResponseDto {
  @ApiProperty({ type: [TopProductsWindowDto] })
  windows!: TopProductsWindowDto[];
}

export class RevenueWindowDto {
  @ApiProperty({ type: WindowDto })
  window!: WindowDto;

  @ApiProperty({ type: [StateRevenueDto] })
  states!: StateRevenueDto[];
}

export class RevenueResponseDto {
  @ApiProperty({ type: [RevenueWindowDto] })
  windows!: RevenueWindowDto[];
}

/** The `data` of one `metrics` event of the stream. */
export class MetricsUpdateDto {
  @ApiProperty({ type: WindowDto })
  window!: WindowDto;

  @ApiProperty({ type: FunnelDto })
  funnel!: FunnelDto;

  @ApiProperty({ type: [StateRevenueDto] })
  revenue!: StateRevenueDto[];

  @ApiProperty({ type: [ProductActivityDto] })
  topProducts!: ProductActivityDto[];

  @ApiProperty({ description: 'Events that arrived after their window closed (counted, not folded in).', example: '0' })
  lateEvents!: string;
}
