import { catalogV1, moneyToMinorUnits } from '@bazaar/contracts';
import { GrpcStatus, InvalidArgumentError, NotFoundError, type GrpcClient } from '@bazaar/grpc';
import type { PricedProduct } from './cart-store.js';

export type CatalogClient = GrpcClient<typeof catalogV1.CatalogServiceService>;

function codeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The product's current name and price from the catalog — the only source of
 * prices (a client never sends one). Catalog outages pass through as their
 * own status (UNAVAILABLE, DEADLINE_EXCEEDED).
 */
export async function priceFromCatalog(catalog: CatalogClient, productId: string): Promise<PricedProduct> {
  let product: catalogV1.Product | undefined;
  try {
    ({ product } = await catalog.getProduct({ id: productId }));
  } catch (error) {
    const code = codeOf(error);
    if (code === GrpcStatus.NOT_FOUND) throw new NotFoundError('product', productId);
    // The catalog's own field is `id`; to our caller it is product_id.
    if (code === GrpcStatus.INVALID_ARGUMENT) throw InvalidArgumentError.field('product_id', 'is not a valid product id');
    throw error;
  }
  if (!product?.price) throw new NotFoundError('product', productId);
  return {
    productId,
    name: product.name,
    currencyCode: product.price.currencyCode,
    unitMinor: moneyToMinorUnits(product.price),
  };
}
