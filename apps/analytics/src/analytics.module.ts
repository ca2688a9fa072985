import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from '@bazaar/persistence';
import { AnalyticsController } from './analytics.controller.js';
import type { AnalyticsDatabase } from './db/schema.js';
import { AnalyticsReader } from './read/analytics-reader.js';
import { MetricsWatcher } from './watch/metrics-watcher.js';

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly database: Database<AnalyticsDatabase>) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

@Module({})
export class AnalyticsModule {
  static with(database: Database<AnalyticsDatabase>, reader: AnalyticsReader, watcher: MetricsWatcher): DynamicModule {
    return {
      module: AnalyticsModule,
      controllers: [AnalyticsController],
      providers: [
        { provide: AnalyticsReader, useValue: reader },
        { provide: MetricsWatcher, useValue: watcher },
        { provide: DatabaseLifecycle, useValue: new DatabaseLifecycle(database) },
      ],
    };
  }
}
