import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from '@bazaar/persistence';
import type { ShippingDatabase } from './db/schema.js';
import { SHIPPING_DB, ShipmentRepository } from './shipments/shipment-repository.js';
import { ShippingController } from './shipping.controller.js';

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly database: Database<ShippingDatabase>) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

@Module({})
export class ShippingModule {
  static withDatabase(database: Database<ShippingDatabase>): DynamicModule {
    return {
      module: ShippingModule,
      controllers: [ShippingController],
      providers: [
        { provide: SHIPPING_DB, useValue: database.db },
        { provide: DatabaseLifecycle, useValue: new DatabaseLifecycle(database) },
        ShipmentRepository,
      ],
    };
  }
}
