import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health/health.controller.js';
import { Readiness } from './health/readiness.js';
import { CATALOG_CLIENT, type CatalogClient } from './products/catalog-client.js';
import { ProductsController } from './products/products.controller.js';

@Module({})
export class GatewayModule {
  static create(deps: { catalog: CatalogClient; readiness: Readiness }): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [ProductsController, HealthController],
      providers: [
        { provide: CATALOG_CLIENT, useValue: deps.catalog },
        { provide: Readiness, useValue: deps.readiness },
      ],
    };
  }
}
