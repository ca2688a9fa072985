import { Controller, Inject } from '@nestjs/common';
import { cartV1 } from '@bazaar/contracts';
import { FailedPreconditionError, GrpcService, InvalidArgumentError, NotFoundError, type GrpcController } from '@bazaar/grpc';
import { requireAddQuantity, requireLineQuantity, requireProductId } from './cart-request.js';
import type { CartLimits, CartRefusal, CartStore, CartWrite } from './cart-store.js';
import { toCartMessage } from './cart-view.js';
import { currentUserId } from './current-user.js';
import { priceFromCatalog, type CatalogClient } from './product-pricing.js';

export const CART_STORE = Symbol('CART_STORE');
export const CATALOG_CLIENT = Symbol('CATALOG_CLIENT');
export const CART_LIMITS = Symbol('CART_LIMITS');

type Service = typeof cartV1.CartServiceService;

@Controller()
@GrpcService(cartV1.CartServiceService)
export class CartController implements GrpcController<Service> {
  constructor(
    @Inject(CART_STORE) private readonly store: CartStore,
    @Inject(CATALOG_CLIENT) private readonly catalog: CatalogClient,
    @Inject(CART_LIMITS) private readonly limits: CartLimits,
  ) {}

  async getCart(_request: cartV1.GetCartRequest): Promise<cartV1.GetCartResponse> {
    const userId = currentUserId();
    return { cart: toCartMessage(userId, await this.store.get(userId)) };
  }

  async addItem(request: cartV1.AddItemRequest): Promise<cartV1.AddItemResponse> {
    const userId = currentUserId();
    const productId = requireProductId(request.productId);
    const quantity = requireAddQuantity(request.quantity, this.limits);
    const product = await priceFromCatalog(this.catalog, productId);
    return { cart: toCartMessage(userId, this.written(await this.store.add(userId, product, quantity), productId)) };
  }

  async updateItem(request: cartV1.UpdateItemRequest): Promise<cartV1.UpdateItemResponse> {
    const userId = currentUserId();
    const productId = requireProductId(request.productId);
    const quantity = requireLineQuantity(request.quantity, this.limits);
    return { cart: toCartMessage(userId, this.written(await this.store.setQuantity(userId, productId, quantity), productId)) };
  }

  async removeItem(request: cartV1.RemoveItemRequest): Promise<cartV1.RemoveItemResponse> {
    const userId = currentUserId();
    const productId = requireProductId(request.productId);
    return { cart: toCartMessage(userId, this.written(await this.store.setQuantity(userId, productId, 0), productId)) };
  }

  async emptyCart(_request: cartV1.EmptyCartRequest): Promise<cartV1.EmptyCartResponse> {
    const userId = currentUserId();
    await this.store.empty(userId);
    return { cart: toCartMessage(userId, []) };
  }

  private written(write: CartWrite, productId: string) {
    if (write.ok) return write.lines;
    throw this.refusal(write, productId);
  }

  private refusal(refusal: CartRefusal, productId: string): Error {
    switch (refusal.reason) {
      case 'line-limit':
        return InvalidArgumentError.field('quantity', `would make the line ${refusal.quantity}; a line holds at most ${this.limits.maxQuantityPerLine}`);
      case 'cart-full':
        return InvalidArgumentError.field('product_id', `is a new line, but a cart holds at most ${this.limits.maxLines} lines`);
      case 'missing-line':
        return new NotFoundError('cart item', productId);
      case 'currency-mismatch':
        return new FailedPreconditionError([
          { type: 'CURRENCY', subject: `product/${productId}`, description: `the cart is priced in ${refusal.cartCurrency}` },
        ]);
    }
  }
}
