import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { cartV1, messages } from '@bazaar/contracts';
import { CLICKSTREAM, type Clickstream } from '../clickstream/clickstream.js';
import { visitorOf } from '../clickstream/visitor.js';
import { BearerAuthGuard } from '../auth/bearer-auth.guard.js';
import { ApiProblemResponses } from '../errors/problem.dto.js';
import { fromUpstream } from '../errors/upstream.js';
import { CART_CLIENT, type CartClient } from '../upstream-clients.js';
import { CART_FIELD_NAMES, PRODUCT_ID_PATTERN, parseAddItem, parseProductIdParam, parseUpdateItem } from './cart-input.js';
import { AddCartItemDto, CartDto, UpdateCartItemDto } from './cart.dto.js';

/** Proto3 JSON of a cart, with `items` always present and the owner left out (it is the caller). */
function cartJson(cart: cartV1.Cart | undefined): CartDto {
  const { userId: _owner, ...json } = cartV1.Cart.toJSON(cart ?? cartV1.Cart.fromPartial({})) as Partial<CartDto> & { userId?: string };
  return { items: [], ...json };
}

const productIdParam = ApiParam({ name: 'productId', schema: { type: 'string', pattern: PRODUCT_ID_PATTERN } });

@ApiTags('cart')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/cart')
export class CartController {
  constructor(
    @Inject(CART_CLIENT) private readonly cart: CartClient,
    @Inject(CLICKSTREAM) private readonly clickstream: Clickstream,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's cart" })
  @ApiOkResponse({ type: CartDto })
  @ApiProblemResponses(401, 502, 503, 504)
  async get(): Promise<CartDto> {
    return cartJson((await fromUpstream(this.cart.getCart({}))).cart);
  }

  @Post('items')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a product to the cart', description: 'Adds to the quantity of an existing line. Priced from the catalog.' })
  @ApiBody({ type: AddCartItemDto })
  @ApiOkResponse({ type: CartDto, description: 'The updated cart.' })
  @ApiProblemResponses(400, 401, 404, 429, 502, 503, 504)
  async addItem(@Body() body: unknown, @Req() request: FastifyRequest): Promise<CartDto> {
    const item = parseAddItem(body);
    const { cart } = await fromUpstream(this.cart.addItem(item), CART_FIELD_NAMES);
    this.clickstream.emit(messages.ProductAddedToCart, { ...visitorOf(request), productId: item.productId, quantity: item.quantity });
    return cartJson(cart);
  }

  @Patch('items/:productId')
  @ApiOperation({ summary: "Set a line's quantity", description: 'A quantity of 0 removes the line.' })
  @productIdParam
  @ApiBody({ type: UpdateCartItemDto })
  @ApiOkResponse({ type: CartDto, description: 'The updated cart.' })
  @ApiProblemResponses(400, 401, 404, 429, 502, 503, 504)
  async updateItem(@Param('productId') productId: string, @Body() body: unknown): Promise<CartDto> {
    const id = parseProductIdParam(productId);
    const { quantity } = parseUpdateItem(body);
    return cartJson((await fromUpstream(this.cart.updateItem({ productId: id, quantity }), CART_FIELD_NAMES)).cart);
  }

  @Delete('items/:productId')
  @ApiOperation({ summary: 'Remove a line' })
  @productIdParam
  @ApiOkResponse({ type: CartDto, description: 'The updated cart.' })
  @ApiProblemResponses(400, 401, 404, 429, 502, 503, 504)
  async removeItem(@Param('productId') productId: string): Promise<CartDto> {
    const id = parseProductIdParam(productId);
    return cartJson((await fromUpstream(this.cart.removeItem({ productId: id }), CART_FIELD_NAMES)).cart);
  }

  @Delete()
  @ApiOperation({ summary: 'Empty the cart' })
  @ApiOkResponse({ type: CartDto, description: 'The (now empty) cart.' })
  @ApiProblemResponses(401, 429, 502, 503, 504)
  async empty(): Promise<CartDto> {
    return cartJson((await fromUpstream(this.cart.emptyCart({}))).cart);
  }
}
