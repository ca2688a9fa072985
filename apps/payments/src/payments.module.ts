import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from '@bazaar/persistence';
import type { PaymentsDatabase } from './db/schema.js';

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly database: Database<PaymentsDatabase>) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/** Payments has no business RPCs: the module only ties the database's life to the app's. */
@Module({})
export class PaymentsModule {
  static withDatabase(database: Database<PaymentsDatabase>): DynamicModule {
    return {
      module: PaymentsModule,
      providers: [{ provide: DatabaseLifecycle, useValue: new DatabaseLifecycle(database) }],
    };
  }
}
