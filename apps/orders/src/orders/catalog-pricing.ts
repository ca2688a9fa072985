import { catalogV1, moneyToMinorUnits } from '@bazaar/contracts';
import { FailedPreconditionError, GrpcStatus, InvalidArgumentError, UnavailableError, type FieldViolation, type GrpcClient } from '@bazaar/grpc';
import type { StoredLine } from '../db/schema.js';
import type { RequestedLine } from './place-order-request.js';

export interface PricedLines {
  currencyCode: string;
  lines: StoredLine[];
  totalMinor: bigint;
}

export interface Pricing {
  price(lines: RequestedLine[]): Promise<PricedLines>;
}

type CatalogClient = Pick<GrpcClient<typeof catalogV1.CatalogServiceService>, 'getProduct'>;

/** Prices lines with the catalog's current unit prices; what the client sent as a price is never trusted. */
export function catalogPricing(catalog: CatalogClient): Pricing {
  return {
    async price(lines) {
      const results = await Promise.all(
        lines.map(async (line) => {
          try {
            const { product } = await catalog.getProduct({ id: line.productId });
            if (product?.price) return { ...line, price: product.price };
          } catch (error) {
            const code = (error as { code?: number }).code;
            if (code !== GrpcStatus.NOT_FOUND && code !== GrpcStatus.INVALID_ARGUMENT) {
              throw new UnavailableError('the catalog could not price the order; retry with the same idempotency key');
            }
          }
          return undefined;
        }),
      );
      const violations: FieldViolation[] = results.flatMap((r, i) =>
        r ? [] : [{ field: `lines[${i}].product_id`, description: 'is not a product of the catalog' }],
      );
      if (violations.length) throw new InvalidArgumentError(violations);
      const found = results.filter((r) => r !== undefined);
      const currencyCode = found[0]?.price.currencyCode ?? '';
      if (found.some((r) => r.price.currencyCode !== currencyCode)) {
        throw new FailedPreconditionError([{ type: 'CURRENCY', subject: 'lines', description: 'all products of an order must share one currency' }]);
      }
      const priced = found.map(({ price, ...line }) => ({ ...line, unitPriceMinor: moneyToMinorUnits(price).toString() }));
      const totalMinor = priced.reduce((sum, l) => sum + BigInt(l.unitPriceMinor) * BigInt(l.quantity), 0n);
      return { currencyCode, lines: priced, totalMinor };
    },
  };
}
