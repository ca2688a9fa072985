import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from '@bazaar/persistence';
import type { InventoryDatabase } from './db/schema.js';
import { INVENTORY_DB, StockController } from './stock/stock.controller.js';

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly database: Database<InventoryDatabase>) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

@Module({})
export class InventoryModule {
  static withDatabase(database: Database<InventoryDatabase>): DynamicModule {
    return {
      module: InventoryModule,
      controllers: [StockController],
      providers: [
        { provide: INVENTORY_DB, useValue: database.db },
        { provide: DatabaseLifecycle, useValue: new DatabaseLifecycle(database) },
      ],
    };
  }
}
