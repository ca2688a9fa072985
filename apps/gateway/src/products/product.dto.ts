import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Shapes of the proto3 JSON the gateway returns (catalogV1 messages' toJSON):
// lowerCamelCase names, int64 as string, default values omitted.

export class MoneyDto {
  @ApiProperty({ description: 'ISO 4217 currency code.', example: 'USD' })
  currencyCode!: string;

  @ApiPropertyOptional({ description: 'Whole units (int64 as a string); omitted when 0.', example: '19' })
  units?: string;

  @ApiPropertyOptional({ description: 'Nano (10^-9) units of the amount; omitted when 0.', example: 990000000 })
  nanos?: number;
}

export class ProductDto {
  @ApiProperty({ description: 'Stable, URL-safe identifier.', example: 'OLJCESPC7Z' })
  id!: string;

  @ApiProperty({ example: 'Sunglasses' })
  name!: string;

  @ApiPropertyOptional({ example: 'Add a modern touch to your outfits.' })
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'Lower-case category slugs.', example: ['accessories'] })
  categories?: string[];

  @ApiPropertyOptional({ type: MoneyDto, description: 'Unit price.' })
  price?: MoneyDto;

  @ApiPropertyOptional({ description: 'Image path relative to the storefront asset root.', example: '/static/img/products/sunglasses.jpg' })
  imagePath?: string;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] })
  products!: ProductDto[];

  @ApiProperty({ description: 'Pass as page_token to get the next page; empty on the last page.', example: '' })
  nextPageToken!: string;
}
