import { Controller, Inject } from '@nestjs/common';
import { inventoryV1 } from '@bazaar/contracts';
import { GrpcService, InvalidArgumentError, type GrpcController } from '@bazaar/grpc';
import type { Kysely } from '@bazaar/persistence';
import type { InventoryDatabase } from '../db/schema.js';
import { PRODUCT_ID } from '../reservations/order-lines.js';
import { readStockLevels } from './stock-levels.js';

export const INVENTORY_DB = Symbol('INVENTORY_DB');
export const MAX_PRODUCT_IDS = 100;

@Controller()
@GrpcService(inventoryV1.InventoryServiceService)
export class StockController implements GrpcController<typeof inventoryV1.InventoryServiceService> {
  constructor(@Inject(INVENTORY_DB) private readonly db: Kysely<InventoryDatabase>) {}

  async getStock(request: inventoryV1.GetStockRequest): Promise<inventoryV1.GetStockResponse> {
    validateProductIds(request.productIds);
    return { levels: await readStockLevels(this.db, request.productIds) };
  }
}

function validateProductIds(productIds: readonly string[]): void {
  if (productIds.length === 0) throw InvalidArgumentError.field('product_ids', 'at least one product id is required');
  if (productIds.length > MAX_PRODUCT_IDS) throw InvalidArgumentError.field('product_ids', `at most ${MAX_PRODUCT_IDS} product ids`);
  const violations = productIds.flatMap((id, index) =>
    PRODUCT_ID.test(id) ? [] : [{ field: `product_ids[${index}]`, description: 'must be 10 characters A-Z or 0-9' }],
  );
  if (violations.length > 0) throw new InvalidArgumentError(violations);
}
