import { Server, ServerCredentials, type Metadata, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { catalogV1 } from '@bazaar/contracts';
import { toGrpcStatus } from '@bazaar/grpc';

type Service = typeof catalogV1.CatalogServiceService;
type Method = keyof Service;
type RequestOf<M extends Method> = ReturnType<Service[M]['requestDeserialize']>;
type ResponseOf<M extends Method> = Parameters<Service[M]['responseSerialize']>[0];

/** What a test makes a method do: answer, throw an RpcError, or dawdle. */
export type Behaviour<M extends Method> = (request: RequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>>;

export interface ReceivedCall {
  method: Method;
  request: unknown;
  metadata: Metadata;
  deadline: Date | number;
}

export const SUNGLASSES = catalogV1.Product.fromPartial({
  id: 'OLJCESPC7Z',
  name: 'Sunglasses',
  description: 'Add a modern touch to your outfits.',
  categories: ['accessories'],
  price: { currencyCode: 'USD', units: '19', nanos: 990_000_000 },
  imagePath: '/static/img/products/sunglasses.jpg',
});

export const MUG = catalogV1.Product.fromPartial({
  id: '6E92ZMYYFZ',
  name: 'Mug',
  categories: ['kitchen'],
  price: { currencyCode: 'USD', units: '8', nanos: 990_000_000 },
});

const defaults: { [M in Method]: Behaviour<M> } = {
  listProducts: () => ({ products: [SUNGLASSES, MUG], nextPageToken: 'next-1' }),
  searchProducts: () => ({ products: [MUG], nextPageToken: '' }),
  getProduct: (request) => ({ product: { ...SUNGLASSES, id: request.id } }),
};

/**
 * A real grpc-js server on loopback implementing CatalogService, whose
 * methods tests can redefine; errors go through the platform's encoding
 * (toGrpcStatus), so rich details travel as they do from the real catalog.
 */
export class FakeCatalog {
  readonly calls: ReceivedCall[] = [];
  private behaviours: { [M in Method]: Behaviour<M> } = { ...defaults };
  private readonly server = new Server();
  port = 0;

  on<M extends Method>(method: M, behaviour: Behaviour<M>): void {
    (this.behaviours as Record<Method, unknown>)[method] = behaviour;
  }

  reset(): void {
    this.behaviours = { ...defaults };
    this.calls.length = 0;
  }

  async start(): Promise<this> {
    const handler =
      (method: Method) =>
      (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        this.calls.push({ method, request: call.request, metadata: call.metadata, deadline: call.getDeadline() });
        const behaviour = this.behaviours[method] as (request: unknown) => unknown;
        Promise.resolve()
          .then(() => behaviour(call.request))
          .then(
            (response) => callback(null, response),
            (error: unknown) => callback(toGrpcStatus(error)),
          );
      };
    this.server.addService(catalogV1.CatalogServiceService, {
      listProducts: handler('listProducts'),
      getProduct: handler('getProduct'),
      searchProducts: handler('searchProducts'),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return this;
  }

  stop(): void {
    this.server.forceShutdown();
  }
}
