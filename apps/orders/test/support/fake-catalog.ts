import { Server, ServerCredentials, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { catalogV1, money } from '@bazaar/contracts';
import { NotFoundError, toGrpcStatus } from '@bazaar/grpc';

/** Prices (minor units, USD) of the products the fake catalog knows. */
export const PRICES: Record<string, number> = { MUG0000001: 899, LAMP000001: 2_450 };

/**
 * A real grpc-js server on loopback answering GetProduct from PRICES (other
 * ids: NOT_FOUND): orders prices lines over real gRPC without a catalog database.
 */
export class FakeCatalog {
  private readonly server = new Server();
  address = '';

  async start(): Promise<this> {
    const getProduct = (call: ServerUnaryCall<catalogV1.GetProductRequest, unknown>, callback: sendUnaryData<unknown>) => {
      const minor = PRICES[call.request.id];
      if (minor === undefined) return callback(toGrpcStatus(new NotFoundError('product', call.request.id)));
      callback(null, { product: catalogV1.Product.fromPartial({ id: call.request.id, name: call.request.id, price: money('USD', minor) }) });
    };
    const unimplemented = (_call: unknown, callback: sendUnaryData<unknown>) => callback({ code: 12, details: 'not in the fake' });
    this.server.addService(catalogV1.CatalogServiceService, { getProduct, listProducts: unimplemented, searchProducts: unimplemented });
    const port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    this.address = `127.0.0.1:${port}`;
    return this;
  }

  stop(): void {
    this.server.forceShutdown();
  }
}
