import { GrpcMethod, GrpcStreamMethod } from '@nestjs/microservices';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';

/** A ts-proto generated grpc-js service definition (e.g. `CatalogServiceService`). */
export interface ServiceDefinitionLike {
  [method: string]: {
    path: string;
    requestStream: boolean;
    responseStream: boolean;
    requestDeserialize(bytes: Buffer): unknown;
    responseSerialize(value: never): Buffer;
  };
}

type RequestOf<M> = M extends { requestDeserialize(bytes: Buffer): infer R } ? R : never;
type ResponseOf<M> = M extends { responseSerialize(value: infer R): Buffer } ? R : never;

/**
 * The shape a Nest controller must have to serve a generated service: one
 * method per RPC, taking the decoded request and returning the response.
 */
export type GrpcController<D extends ServiceDefinitionLike> = {
  [K in keyof D]: D[K]['responseStream'] extends true
    ? never
    : (
        request: RequestOf<D[K]>,
        metadata: Metadata,
        call: ServerUnaryCall<RequestOf<D[K]>, ResponseOf<D[K]>>,
      ) => Promise<ResponseOf<D[K]>> | ResponseOf<D[K]>;
};

/** `bazaar.catalog.v1.CatalogService` from `/bazaar.catalog.v1.CatalogService/ListProducts`. */
export function serviceNameOf(definition: ServiceDefinitionLike): string {
  const first = Object.values(definition)[0];
  if (!first) throw new Error('empty service definition');
  const name = first.path.split('/')[1];
  if (!name) throw new Error(`malformed method path ${first.path}`);
  return name;
}

/**
 * Class decorator: binds every RPC of a generated service definition to the
 * controller method of the same (camelCase) name, the way ts-proto's NestJS
 * output does, without the contracts library importing NestJS.
 */
export function GrpcService(definition: ServiceDefinitionLike): ClassDecorator {
  const serviceName = serviceNameOf(definition);
  return (target) => {
    for (const [method, rpc] of Object.entries(definition)) {
      const descriptor = Object.getOwnPropertyDescriptor(target.prototype, method);
      if (!descriptor) throw new Error(`${target.name} does not implement ${serviceName}.${method}`);
      const decorate = rpc.requestStream ? GrpcStreamMethod : GrpcMethod;
      decorate(serviceName, method)(target.prototype, method, descriptor);
    }
  };
}
