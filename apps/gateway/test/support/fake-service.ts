import { Server, ServerCredentials, type Metadata, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { toGrpcStatus, UnauthenticatedError, type ServiceDefinitionLike } from '@bazaar/grpc';

type RequestOf<M> = M extends { requestDeserialize(bytes: Buffer): infer R } ? R : never;
type ResponseOf<M> = M extends { responseSerialize(value: infer R): Buffer } ? R : never;

/** A handler of one method; `userId` is the caller's x-user-id metadata. */
export type Handlers<D extends ServiceDefinitionLike> = {
  [K in keyof D]: (request: RequestOf<D[K]>, userId: string) => ResponseOf<D[K]> | Promise<ResponseOf<D[K]>>;
};

export interface ReceivedCall {
  method: string;
  request: unknown;
  metadata: Metadata;
}

/**
 * A real grpc-js server on loopback serving `definition` with in-memory
 * handlers; like the real services it requires the x-user-id metadata and
 * encodes errors with the platform's toGrpcStatus.
 */
export class FakeService<D extends ServiceDefinitionLike> {
  readonly calls: ReceivedCall[] = [];
  private readonly server = new Server();
  port = 0;

  constructor(
    private readonly definition: D,
    private readonly handlers: Handlers<D>,
    private readonly requireUser = true,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const implementation: Record<string, unknown> = {};
    for (const method of Object.keys(this.definition)) {
      implementation[method] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        this.calls.push({ method, request: call.request, metadata: call.metadata });
        const userId = String(call.metadata.get('x-user-id')[0] ?? '');
        const handler = this.handlers[method as keyof D] as (request: unknown, userId: string) => unknown;
        Promise.resolve()
          .then(() => {
            if (this.requireUser && !userId) throw new UnauthenticatedError('x-user-id metadata is required');
            return handler(call.request, userId);
          })
          .then(
            (response) => callback(null, response),
            (error: unknown) => callback(toGrpcStatus(error)),
          );
      };
    }
    this.server.addService(this.definition as never, implementation as never);
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return this;
  }

  stop(): void {
    this.server.forceShutdown();
  }
}
