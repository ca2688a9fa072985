import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ORDER_BOOK, type OrderBook } from './orders/order-book.js';
import { OrdersController } from './orders/orders.controller.js';

class ResourcesLifecycle implements OnApplicationShutdown {
  constructor(private readonly close: () => Promise<void>) {}
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

@Module({})
export class OrdersModule {
  /** `close` releases what the order book uses (database, catalog client) once the server drained. */
  static withOrderBook(orderBook: OrderBook, close: () => Promise<void>): DynamicModule {
    return {
      module: OrdersModule,
      controllers: [OrdersController],
      providers: [
        { provide: ORDER_BOOK, useValue: orderBook },
        { provide: ResourcesLifecycle, useValue: new ResourcesLifecycle(close) },
      ],
    };
  }
}
