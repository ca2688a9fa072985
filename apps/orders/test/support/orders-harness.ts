import { contractProtos, ordersV1 } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, type GrpcClient, type RunningGrpcService } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { freePort, startNodeProcess, waitForGrpcServing } from '@bazaar/testing';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ordersConfigSchema } from '../../src/config.js';
import { startOrdersService } from '../../src/orders-service.js';
import { kafkaBrokers } from './participants.js';

export type OrdersClient = GrpcClient<typeof ordersV1.OrderServiceService>;

const logger = createLogger({ service: 'orders-test', level: 'silent' });

export interface RunningOrders {
  /** The in-process service (absent for a child process). */
  service?: RunningGrpcService;
  client: OrdersClient;
  stop(): Promise<void>;
}

export interface OrdersProcess extends RunningOrders {
  /** SIGKILL: no shutdown hook runs, whatever was in flight stays as it was. */
  kill(): Promise<void>;
}

const createClient = (grpcPort: number): OrdersClient =>
  createGrpcClient(ordersV1.OrderServiceService, {
    address: `127.0.0.1:${grpcPort}`,
    timeoutMs: 10_000,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });

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
  const client = createClient(grpcPort);
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

const mainScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

/** The built service (the test target builds it first) as its own process, as it runs in a pod: it can be SIGKILLed. */
export async function startOrdersProcess(env: Record<string, string>): Promise<OrdersProcess> {
  const grpcPort = await freePort();
  const child = startNodeProcess({
    name: 'orders',
    script: mainScript,
    env: {
      GRPC_PORT: String(grpcPort),
      ADMIN_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: kafkaBrokers().join(','),
      SHUTDOWN_DELAY_MS: '0',
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
      ...env,
    },
  });
  try {
    await waitForGrpcServing(`127.0.0.1:${grpcPort}`, '', 60_000);
  } catch (error) {
    await child.stop('SIGKILL');
    throw new Error(`orders did not start:\n${child.logs().slice(-30).join('\n')}`, { cause: error });
  }
  const client = createClient(grpcPort);
  return {
    client,
    async kill() {
      client.close();
      await child.stop('SIGKILL');
    },
    async stop() {
      client.close();
      await child.stop('SIGTERM', 20_000);
    },
  };
}
