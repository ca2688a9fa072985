import { cartV1, contractProtos } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, readErrorDetails, type GrpcClient, type RunningGrpcService } from '@bazaar/grpc';
import { createLogger } from '@bazaar/observability';
import { freePort } from '@bazaar/testing';
import { cartConfigSchema } from '../../src/config.js';
import { startCartService } from '../../src/cart-service.js';

export type CartClient = GrpcClient<typeof cartV1.CartServiceService>;

const logger = createLogger({ service: 'cart-test', level: 'silent' });

export interface RunningCart {
  service: RunningGrpcService;
  client: CartClient;
  stop(): Promise<void>;
}

/** Starts the real cart service on free ports with `env` on top of test defaults. */
export async function startCart(env: Record<string, string | undefined>): Promise<RunningCart> {
  const [grpcPort, adminPort] = [await freePort(), await freePort()];
  const config = cartConfigSchema.parse({ GRPC_PORT: String(grpcPort), ADMIN_PORT: String(adminPort), HOST: '127.0.0.1', ...env });
  const service = await startCartService(config, logger);
  const client: CartClient = createGrpcClient(cartV1.CartServiceService, {
    address: `127.0.0.1:${grpcPort}`,
    timeoutMs: 5_000,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  return {
    service,
    client,
    stop: async () => {
      client.close();
      await service.shutdown('test done');
    },
  };
}

/** Call options acting as the user the gateway authenticated. */
export const as = (userId: string) => ({ metadata: { 'x-user-id': userId } });

export interface Rejection {
  code: number;
  details: string;
  fields: string[];
  resourceType?: string;
}

/** The status a call failed with (throws if it succeeded). */
export async function rejection(promise: Promise<unknown>): Promise<Rejection> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: number; details: string };
    const details = readErrorDetails(error as never);
    return {
      code: e.code,
      details: e.details,
      fields: details.fieldViolations?.map((v) => v.field) ?? [],
      resourceType: details.resourceInfo?.resourceType,
    };
  }
  throw new Error('expected the call to fail');
}
