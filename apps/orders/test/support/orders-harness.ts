import { contractProtos, ordersV1 } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, type GrpcClient, type RunningGrpcService } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { freePort } from '@bazaar/testing';
import { ordersConfigSchema } from '../../src/config.js';
import { startOrdersService } from '../../src/orders-service.js';
import { kafkaBrokers } from './participants.js';

export type OrdersClient = GrpcClient<typeof ordersV1.OrderServiceService>;

const logger = createLogger({ service: 'orders-test', level: 'silent' });

export interface RunningOrders {
  service: RunningGrpcService;
  client: OrdersClient;
  stop(): Promise<void>;
}

export async function startOrders(env: Record<string, string | undefined>): Promise<RunningOrders> {
  const [grpcPort, adminPort] = [await freePort(), await freePort()];
  const config = ordersConfigSchema.parse({
    GRPC_PORT: String(grpcPort),
    ADMIN_PORT: String(adminPort),
    HOST: '127.0.0.1',
    DATA_DIR: 'memory://',
    KAFKA_BROKERS: kafkaBrokers().join(','),
    SHUTDOWN_DELAY_MS: '0',
    ...env,
  });
  const service = await startOrdersService(config, logger);
  const client: OrdersClient = createGrpcClient(ordersV1.OrderServiceService, {
    address: `127.0.0.1:${grpcPort}`,
    timeoutMs: 10_000,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  return {
    service,
    client,
    async stop() {
      client.close();
      await service.shutdown('test done');
    },
  };
}

export const as = (userId: string) => ({ metadata: { 'x-user-id': userId } });
