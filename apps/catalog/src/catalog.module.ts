import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from '@bazaar/persistence';
import type { CatalogDatabase } from './db/schema.js';
import { CATALOG_DB, ProductRepository } from './products/product-repository.js';
import { ProductsController } from './products/products.controller.js';

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly database: Database<CatalogDatabase>) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

@Module({})
export class CatalogModule {
  static withDatabase(database: Database<CatalogDatabase>): DynamicModule {
    return {
      module: CatalogModule,
      controllers: [ProductsController],
      providers: [
        { provide: CATALOG_DB, useValue: database.db },
        { provide: DatabaseLifecycle, useValue: new DatabaseLifecycle(database) },
        ProductRepository,
      ],
    };
  }
}
