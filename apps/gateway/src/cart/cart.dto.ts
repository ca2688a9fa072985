import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto } from '../products/product.dto.js';
import { MAX_LINE_QUANTITY, PRODUCT_ID_PATTERN } from './cart-input.js';

export class AddCartItemDto {
  @ApiProperty({ pattern: PRODUCT_ID_PATTERN, example: 'OLJCESPC7Z' })
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY, description: `Added to the line; a line never exceeds ${MAX_LINE_QUANTITY}.`, example: 1 })
  quantity!: number;
}

export class UpdateCartItemDto {
  @ApiProperty({ minimum: 0, maximum: MAX_LINE_QUANTITY, description: 'The new quantity of the line; 0 removes it.', example: 2 })
  quantity!: number;
}

export class CartItemDto {
  @ApiProperty({ example: 'OLJCESPC7Z' })
  productId!: string;

  @ApiProperty({ example: 'Sunglasses' })
  name!: string;

  @ApiProperty({ example: 2 })
  quantity!: number;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Current catalog price of one unit.' })
  unitPrice?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto })
  lineTotal?: MoneyDto;
}

export class CartDto {
  @ApiProperty({ type: [CartItemDto] })
  items!: CartItemDto[];

  @ApiPropertyOptional({ type: MoneyDto, description: 'Sum of the line totals; absent for an empty cart.' })
  total?: MoneyDto;
}
