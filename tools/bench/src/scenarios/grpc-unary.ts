import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { credentials, Server, ServerCredentials, type ServiceError } from '@grpc/grpc-js';
import { catalogV1, contractProtos } from '@bazaar/contracts';
import { createGrpcClient, GrpcService, loadIdempotentMethods, serveGrpc, type GrpcController } from '@bazaar/grpc';
import { freePort } from '@bazaar/kafka-local';
import { createLogger } from '@bazaar/observability';
import type { RunResult, Scenario } from '../scenario.js';
import { runConcurrently } from './concurrency.js';

/** Calls in flight at once: a gateway fanning out many requests to one catalog replica. */
const CONCURRENCY = 32;

const PRODUCT: catalogV1.Product = catalogV1.Product.fromPartial({
  id: 'OLJCESPC7Z',
  name: 'Sunglasses',
  description: 'Add a modern touch to your outfits with these sleek aviator sunglasses.',
  imagePath: 'img/products/sunglasses.jpg',
  price: { currencyCode: 'USD', units: '19', nanos: 990_000_000 },
  categories: ['accessories'],
});
const answer = (id: string): catalogV1.GetProductResponse => ({ product: { ...PRODUCT, id } });

@Controller()
@GrpcService(catalogV1.CatalogServiceService)
class FixedCatalogController implements GrpcController<typeof catalogV1.CatalogServiceService> {
  getProduct(request: catalogV1.GetProductRequest): Promise<catalogV1.GetProductResponse> {
    return Promise.resolve(answer(request.id));
  }
  // Not called: the platform requires every RPC of the service to be implemented.
  listProducts(): Promise<catalogV1.ListProductsResponse> {
    return Promise.resolve({ products: [PRODUCT], nextPageToken: '' });
  }
  searchProducts(): Promise<catalogV1.SearchProductsResponse> {
    return Promise.resolve({ products: [PRODUCT], nextPageToken: '' });
  }
}

@Module({ controllers: [FixedCatalogController] })
class FixedCatalogModule {}

async function startRawServer(): Promise<{ address: string; stop(): void }> {
  const server = new Server();
  server.addService(catalogV1.CatalogServiceService, {
    getProduct: (call: { request: catalogV1.GetProductRequest }, callback: (error: null, response: catalogV1.GetProductResponse) => void) =>
      callback(null, answer(call.request.id)),
  } as never);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

/**
 * GetProduct with a fixed answer, so only the stacks differ. Baseline: raw @grpc/grpc-js server and
 * client. Candidate: Bazaar's (NestJS server with the platform's interceptors — call context,
 * metrics, tracing, error mapping — and createGrpcClient with deadline, retries and client metrics).
 */
export const grpcUnaryScenario: Scenario = {
  name: 'grpc-unary',
  description: `GetProduct round trips on loopback, ${CONCURRENCY} in flight`,
  baselineLabel: 'raw @grpc/grpc-js',
  candidateLabel: 'Bazaar gRPC (NestJS + platform)',
  opsPerRound: 20_000,
  target: { minRatio: 0.3, why: 'measured 0.5-0.97 (medians of 3 rounds; client and server share the 2 cores, so the ratio swings with machine load): ~60% of the lowest' },
  async prepare() {
    const logger = createLogger({ service: 'bench', level: 'warn' });
    const raw = await startRawServer();
    const rawClient = new catalogV1.CatalogServiceClient(raw.address, credentials.createInsecure());
    const grpcPort = await freePort();
    const bazaar = await serveGrpc({ HOST: '127.0.0.1', GRPC_PORT: grpcPort, ADMIN_PORT: await freePort(), SHUTDOWN_DELAY_MS: 0, DRAIN_TIMEOUT_MS: 1_000 }, logger, {
      module: FixedCatalogModule,
      services: [catalogV1.CatalogServiceService],
      protos: contractProtos,
    });
    const bazaarClient = createGrpcClient(catalogV1.CatalogServiceService, {
      address: `127.0.0.1:${grpcPort}`,
      timeoutMs: 5_000,
      idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
    });
    const rawCall = (id: string) =>
      new Promise<unknown>((resolve, reject) => rawClient.getProduct({ id }, (error: ServiceError | null, response) => (error ? reject(error) : resolve(response))));
    return {
      baseline: (ops): Promise<RunResult> => runConcurrently(ops, CONCURRENCY, (i) => rawCall(`P${i}`)),
      candidate: (ops): Promise<RunResult> => runConcurrently(ops, CONCURRENCY, (i) => bazaarClient.getProduct({ id: `P${i}` })),
      async close() {
        rawClient.close();
        bazaarClient.close();
        raw.stop();
        await bazaar.shutdown('benchmark done');
      },
    };
  },
};
