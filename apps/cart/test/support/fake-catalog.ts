import { Server, ServerCredentials, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { catalogV1 } from '@bazaar/contracts';
import { NotFoundError, toGrpcStatus } from '@bazaar/grpc';

export const MUG = catalogV1.Product.fromPartial({
  id: '6E92ZMYYFZ',
  name: 'Mug',
  categories: ['kitchen'],
  price: { currencyCode: 'USD', units: '8', nanos: 990_000_000 },
});

export const SUNGLASSES = catalogV1.Product.fromPartial({
  id: 'OLJCESPC7Z',
  name: 'Sunglasses',
  categories: ['accessories'],
  price: { currencyCode: 'USD', units: '19', nanos: 990_000_000 },
});

/** Enough distinct products to fill a cart past its line limit. */
export const FILLERS = Array.from({ length: 51 }, (_, i) =>
  catalogV1.Product.fromPartial({
    id: `FILLER${String(i).padStart(4, '0')}`,
    name: `Filler ${i}`,
    price: { currencyCode: 'USD', units: '1', nanos: 0 },
  }),
);

/**
 * A real grpc-js CatalogService on loopback serving a product table that
 * tests can change; errors are encoded like the real catalog's (toGrpcStatus).
 */
export class FakeCatalog {
  readonly products = new Map<string, catalogV1.Product>([MUG, SUNGLASSES, ...FILLERS].map((p) => [p.id, p]));
  private readonly server = new Server();
  port = 0;

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  setPrice(id: string, units: string, nanos: number): void {
    const product = this.products.get(id)!;
    this.products.set(id, { ...product, price: { currencyCode: 'USD', units, nanos } });
  }

  async start(): Promise<this> {
    const getProduct = (call: ServerUnaryCall<catalogV1.GetProductRequest, unknown>, callback: sendUnaryData<catalogV1.GetProductResponse>) => {
      const product = this.products.get(call.request.id);
      if (product) callback(null, { product });
      else callback(toGrpcStatus(new NotFoundError('product', call.request.id)));
    };
    const unused = (_call: unknown, callback: sendUnaryData<unknown>) => callback(toGrpcStatus(new Error('not used by cart')));
    this.server.addService(catalogV1.CatalogServiceService, { getProduct, listProducts: unused, searchProducts: unused });
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return this;
  }

  stop(): void {
    this.server.forceShutdown();
  }
}
