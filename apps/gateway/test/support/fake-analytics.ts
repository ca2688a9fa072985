import { Metadata, Server, ServerCredentials, type ServerUnaryCall, type ServerWritableStream, type sendUnaryData } from '@grpc/grpc-js';
import { analyticsV1 } from '@bazaar/contracts';
import { toGrpcStatus } from '@bazaar/grpc';

type Service = typeof analyticsV1.AnalyticsServiceService;
type UnaryMethod = Exclude<keyof Service, 'watchMetrics'>;
type RequestOf<M extends keyof Service> = ReturnType<Service[M]['requestDeserialize']>;
type ResponseOf<M extends keyof Service> = Parameters<Service[M]['responseSerialize']>[0];

export interface ReceivedCall {
  method: keyof Service;
  request: unknown;
  metadata: Metadata;
}

/** One open WatchMetrics call, driven by the test. */
export interface Watcher {
  request: analyticsV1.WatchMetricsRequest;
  metadata: Metadata;
  push(update: analyticsV1.WatchMetricsResponse): void;
  fail(error: unknown): void;
  /** Resolves when the client cancelled the call. */
  cancelled: Promise<void>;
}

/**
 * A real grpc-js server on loopback implementing AnalyticsService: unary
 * methods answer what the test sets (errors encoded by toGrpcStatus, as the
 * services do); each WatchMetrics call is handed to the test as a Watcher.
 */
export class FakeAnalytics {
  readonly calls: ReceivedCall[] = [];
  readonly watchers: Watcher[] = [];
  private behaviours: { [M in UnaryMethod]?: (request: RequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>> } = {};
  private readonly server = new Server();
  port = 0;
  /** False: WatchMetrics calls stay unanswered (no response headers), as a service busy starting up. */
  answerWatches = true;

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  on<M extends UnaryMethod>(method: M, behaviour: (request: RequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>>): void {
    (this.behaviours as Record<string, unknown>)[method] = behaviour;
  }

  async start(): Promise<this> {
    const unary =
      (method: UnaryMethod) =>
      (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        this.calls.push({ method, request: call.request, metadata: call.metadata });
        const behaviour = (this.behaviours[method] ?? (() => ({ windows: [] }))) as (request: unknown) => unknown;
        Promise.resolve()
          .then(() => behaviour(call.request))
          .then(
            (response) => callback(null, response),
            (error: unknown) => callback(toGrpcStatus(error)),
          );
      };
    const watchMetrics = (call: ServerWritableStream<analyticsV1.WatchMetricsRequest, analyticsV1.WatchMetricsResponse>) => {
      this.calls.push({ method: 'watchMetrics', request: call.request, metadata: call.metadata });
      // Headers right away, as a service does that accepted the watch.
      if (this.answerWatches) call.sendMetadata(new Metadata());
      this.watchers.push({
        request: call.request,
        metadata: call.metadata,
        push: (update) => void call.write(update),
        // grpc-js ends a server stream with the status of an emitted error.
        fail: (error) => void call.emit('error', toGrpcStatus(error)),
        cancelled: new Promise((resolve) => call.once('cancelled', () => resolve())),
      });
    };
    this.server.addService(analyticsV1.AnalyticsServiceService, {
      getTopProducts: unary('getTopProducts'),
      getFunnel: unary('getFunnel'),
      getRevenue: unary('getRevenue'),
      watchMetrics,
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
