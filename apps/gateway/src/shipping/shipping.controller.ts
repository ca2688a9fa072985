import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { shippingV1 } from '@bazaar/contracts';
import { ApiProblemResponses } from '../errors/problem.dto.js';
import { fromUpstream } from '../errors/upstream.js';
import { MoneyDto } from '../products/product.dto.js';
import { SHIPPING_CLIENT, type ShippingClient } from '../upstream-clients.js';
import { MAX_QUOTE_ITEMS, QUOTE_FIELD_NAMES, parseQuoteQuery } from './quote-query.js';

export class ShippingQuoteDto {
  @ApiPropertyOptional({ type: MoneyDto })
  cost?: MoneyDto;

  @ApiProperty({ example: 'DHL' })
  carrier!: string;

  @ApiProperty({ example: 3 })
  estimatedDays!: number;
}

/** Quotes are not personal: the route is public, like catalog reads. */
@ApiTags('shipping')
@Controller('api/shipping')
export class ShippingController {
  constructor(@Inject(SHIPPING_CLIENT) private readonly shipping: ShippingClient) {}

  @Get('quote')
  @ApiOperation({ summary: 'Quote shipping for items to a destination' })
  @ApiQuery({ name: 'items', required: true, description: `1-${MAX_QUOTE_ITEMS} comma-separated \`productId:quantity\` pairs.`, example: 'OLJCESPC7Z:2,6E92ZMYYFZ:1', schema: { type: 'string' } })
  @ApiQuery({ name: 'country', required: true, description: 'Destination country, ISO 3166-1 alpha-2.', example: 'DE', schema: { type: 'string', pattern: '^[A-Z]{2}$' } })
  @ApiQuery({ name: 'postal_code', required: false, schema: { type: 'string', maxLength: 20 } })
  @ApiOkResponse({ type: ShippingQuoteDto })
  @ApiProblemResponses(400, 502, 503, 504)
  async quote(@Query() query: Record<string, unknown>): Promise<ShippingQuoteDto> {
    const quote = await fromUpstream(this.shipping.getQuote(parseQuoteQuery(query)), QUOTE_FIELD_NAMES);
    return { carrier: '', estimatedDays: 0, ...(shippingV1.GetQuoteResponse.toJSON(quote) as Partial<ShippingQuoteDto>) };
  }
}
