import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CART_LIMITS, CART_STORE, CATALOG_CLIENT, CartController } from './cart/cart.controller.js';
import type { CartLimits, CartStore } from './cart/cart-store.js';
import type { CatalogClient } from './cart/product-pricing.js';

/** Closes the store and the catalog channel once the gRPC server has drained. */
class ConnectionsLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly store: CartStore,
    private readonly catalog: CatalogClient,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    this.catalog.close();
    await this.store.close();
  }
}

export interface CartDependencies {
  store: CartStore;
  catalog: CatalogClient;
  limits: CartLimits;
}

@Module({})
export class CartModule {
  static with({ store, catalog, limits }: CartDependencies): DynamicModule {
    return {
      module: CartModule,
      controllers: [CartController],
      providers: [
        { provide: CART_STORE, useValue: store },
        { provide: CATALOG_CLIENT, useValue: catalog },
        { provide: CART_LIMITS, useValue: limits },
        { provide: ConnectionsLifecycle, useValue: new ConnectionsLifecycle(store, catalog) },
      ],
    };
  }
}
