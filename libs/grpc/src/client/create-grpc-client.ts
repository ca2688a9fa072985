import {
  credentials as grpcCredentials,
  makeGenericClientConstructor,
  Metadata,
  status,
  type ChannelCredentials,
  type ChannelOptions,
  type Client,
  type ServiceError,
} from '@grpc/grpc-js';
import { rpcClientDuration } from '@bazaar/observability';
import { currentCallContext, remainingDeadlineMs } from '../call-context.js';
import { clientKeepaliveChannelOptions } from '../keepalive.js';
import { serviceNameOf, type ServiceDefinitionLike } from '../server/grpc-service.decorator.js';
import { retryServiceConfig } from './service-config.js';

type RequestOf<M> = M extends { requestDeserialize(bytes: Buffer): infer R } ? R : never;
type ResponseOf<M> = M extends { responseSerialize(value: infer R): Buffer } ? R : never;

export interface CallOptions {
  /** Overrides the client's default timeout; never extends the caller's own deadline. */
  timeoutMs?: number;
  /** Extra metadata for this call. */
  metadata?: Record<string, string>;
}

/** Promise-returning methods for every unary RPC of a generated definition. */
export type GrpcClient<D extends ServiceDefinitionLike> = {
  [K in keyof D as D[K]['requestStream'] extends true ? never : D[K]['responseStream'] extends true ? never : K]: (
    request: RequestOf<D[K]>,
    options?: CallOptions,
  ) => Promise<ResponseOf<D[K]>>;
} & { close(): void };

export interface GrpcClientOptions {
  /** host:port of the service (a Kubernetes Service DNS name in clusters). */
  address: string;
  /** Deadline applied to every call that has no tighter one inherited. */
  timeoutMs: number;
  /** Method paths that may be retried on UNAVAILABLE (see loadIdempotentMethods). */
  idempotentMethods?: ReadonlySet<string>;
  credentials?: ChannelCredentials;
  channelOptions?: ChannelOptions;
}

function deadlineExceeded(details: string): ServiceError {
  return Object.assign(new Error(`${status.DEADLINE_EXCEEDED} DEADLINE_EXCEEDED: ${details}`), {
    code: status.DEADLINE_EXCEEDED,
    details,
    metadata: new Metadata(),
  });
}

/**
 * A typed client where every call carries a deadline (its own timeout, cut to
 * what is left of the incoming request's deadline), the request's propagated
 * metadata, keepalive, and retries for idempotent methods only.
 */
export function createGrpcClient<D extends ServiceDefinitionLike>(
  definition: D,
  options: GrpcClientOptions,
): GrpcClient<D> {
  const serviceName = serviceNameOf(definition);
  const ClientCtor = makeGenericClientConstructor(definition as never, serviceName);
  const methods = Object.keys(definition);
  const idempotent = [...(options.idempotentMethods ?? [])].filter((p) => p.startsWith(`/${serviceName}/`));
  const client: Client = new ClientCtor(options.address, options.credentials ?? grpcCredentials.createInsecure(), {
    ...clientKeepaliveChannelOptions,
    'grpc.enable_retries': 1,
    'grpc.service_config': retryServiceConfig(idempotent),
    ...options.channelOptions,
  });

  const call = (method: string, request: unknown, callOptions: CallOptions = {}) => {
    const rpcMethod = definition[method]?.path.split('/')[2] ?? method;
    const stopTimer = rpcClientDuration.startTimer({ rpc_service: serviceName, rpc_method: rpcMethod });
    const remaining = remainingDeadlineMs();
    const timeoutMs = Math.min(callOptions.timeoutMs ?? options.timeoutMs, remaining ?? Infinity);
    if (timeoutMs <= 0) {
      stopTimer({ rpc_grpc_status_code: String(status.DEADLINE_EXCEEDED) });
      return Promise.reject(deadlineExceeded('the caller’s deadline passed before the call started'));
    }
    const metadata = new Metadata();
    for (const [key, value] of Object.entries({ ...currentCallContext()?.propagated, ...callOptions.metadata })) {
      metadata.set(key, value);
    }
    return new Promise((resolve, reject) => {
      const invoke = (client as unknown as Record<string, (...args: unknown[]) => void>)[method];
      if (!invoke) throw new Error(`${serviceName} has no method ${method}`);
      invoke.call(client, request, metadata, { deadline: new Date(Date.now() + timeoutMs) }, (error: ServiceError | null, response: unknown) => {
        stopTimer({ rpc_grpc_status_code: String(error ? error.code : status.OK) });
        if (error) reject(error);
        else resolve(response);
      });
    });
  };

  const typed: Record<string, unknown> = { close: () => client.close() };
  for (const method of methods) typed[method] = (request: unknown, callOptions?: CallOptions) => call(method, request, callOptions);
  return typed as GrpcClient<D>;
}
