import type { ClientReadableStream } from '@grpc/grpc-js';
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { analyticsV1 } from '@bazaar/contracts';
import { currentCallContext, GrpcStatus, Metadata, type ServiceError } from '@bazaar/grpc';
import type { Logger } from '@bazaar/observability';
import { grpcErrorToProblem } from '../errors/grpc-to-http.js';
import { ProblemError, problem } from '../errors/problem.js';
import { recordRequest } from '../http/metrics-hook.js';
import { REQUEST_ID_HEADER } from '../http/request-id.js';
import type { AnalyticsClient } from './analytics-client.js';
import { metricsUpdateJson } from './analytics-json.js';

export const METRICS_STREAMS = Symbol('METRICS_STREAMS');

export interface MetricsStreamsOptions {
  heartbeatMs: number;
  /** How long the first answer of the service is awaited before the stream opens anyway. */
  openTimeoutMs: number;
  /** Streams open at once in this process; more are refused with a 503. */
  maxStreams: number;
  logger: Logger;
}

type Update = analyticsV1.WatchMetricsResponse;

/**
 * Unsent bytes a stream may hold for a client that does not read (beyond the socket's own buffers);
 * past it the client is cut off, so a stalled reader cannot grow the gateway's memory without bound.
 */
const MAX_UNSENT_BYTES = 1024 * 1024;

/** An answered WatchMetrics call; onUpdate() first replays what arrived before the stream opened. */
interface Upstream {
  call: ClientReadableStream<Update>;
  onUpdate(sink: (update: Update) => void): void;
}

function shuttingDown(): ProblemError {
  return new ProblemError(problem(503, 'The gateway is shutting down; reconnect.'));
}

/** An SSE frame: a named event with one line of JSON. */
function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Waits until the service answered the call (response headers), failed it,
 * or stayed silent for `timeoutMs`: an unreachable service becomes a
 * problem+json answer instead of an event stream that fails at once.
 */
function firstAnswer(call: ClientReadableStream<Update>, timeoutMs: number): Promise<ServiceError | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    const settle = (error?: ServiceError) => {
      clearTimeout(timer);
      resolve(error);
    };
    call.once('metadata', () => settle());
    call.once('error', (error: ServiceError) => settle(error));
  });
}

/**
 * Proxies WatchMetrics to Server-Sent Events: one `metrics` event per update,
 * a comment line as heartbeat, `error` (a problem object) when the service
 * fails the stream, then the response ends. A client that goes away cancels
 * the gRPC call; so does the gateway shutting down.
 */
export class MetricsStreams {
  private readonly open = new Set<() => void>();
  private connecting = 0;
  private closed = false;

  constructor(
    private readonly client: AnalyticsClient['watch'],
    private readonly options: MetricsStreamsOptions,
  ) {}

  async serve(request: FastifyRequest, reply: FastifyReply, watch: analyticsV1.WatchMetricsRequest): Promise<void> {
    // Each stream holds a socket and a gRPC call for as long as the client likes: bounded per process.
    if (this.closed) throw shuttingDown();
    if (this.open.size + this.connecting >= this.options.maxStreams) {
      throw new ProblemError(problem(503, 'Too many live streams on this gateway; retry later.'));
    }
    this.connecting++;
    try {
      const upstream = await this.connect(reply.raw, watch);
      if (!upstream) return;
      // closeAll() ran while the call was being answered: this stream would outlive it and hold up the drain.
      if (this.closed) {
        upstream.call.cancel();
        throw shuttingDown();
      }
      this.relay(request, reply, upstream);
    } finally {
      this.connecting--;
    }
  }

  /**
   * Starts the call and waits for its first answer; updates arriving meanwhile are kept for relay().
   * A failed call becomes a ProblemError (the usual problem+json answer); a client already gone, undefined.
   */
  private async connect(res: ServerResponse, watch: analyticsV1.WatchMetricsRequest): Promise<Upstream | undefined> {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(currentCallContext()?.propagated ?? {})) metadata.set(key, value);
    const call = this.client.watchMetrics(watch, metadata);
    const early: Update[] = [];
    let sink: (update: Update) => void = (update) => early.push(update);
    call.on('data', (update: Update) => sink(update));
    // Always a listener, so a failure between the steps never becomes an uncaught 'error'.
    call.on('error', () => undefined);
    // The response's 'close', not the request's: that one fires as soon as the (empty) request body is read.
    const cancelEarly = () => call.cancel();
    res.once('close', cancelEarly);
    const failed = await firstAnswer(call, this.options.openTimeoutMs);
    res.off('close', cancelEarly);
    if (failed) throw new ProblemError(grpcErrorToProblem(failed), { cause: failed });
    if (res.destroyed) return void call.cancel();
    return {
      call,
      onUpdate(next) {
        sink = next;
        early.splice(0).forEach(next);
      },
    };
  }

  /** Writes the event stream until the client leaves, the service ends or fails the call, or closeAll(). */
  private relay(request: FastifyRequest, reply: FastifyReply, { call, onUpdate }: Upstream): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx-style proxies: do not hold events back
      [REQUEST_ID_HEADER]: String(request.id),
    });
    // A write after the client left would make the response emit an error nobody listens to.
    const write = (text: string) => {
      if (res.writableEnded || res.destroyed) return;
      if (res.writableLength > MAX_UNSENT_BYTES) {
        this.options.logger.warn({ requestId: request.id, unsentBytes: res.writableLength }, 'analytics stream: client does not read; closing it');
        return void res.destroy();
      }
      res.write(text);
    };
    write('retry: 3000\n: connected\n\n');
    onUpdate((update) => write(event('metrics', metricsUpdateJson(update))));
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), this.options.heartbeatMs);

    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(heartbeat);
      this.open.delete(finish);
      call.cancel();
      if (!res.writableEnded) res.end();
      recordRequest(request, reply, this.options.logger);
    };
    this.open.add(finish);
    res.once('close', finish);
    call.once('end', finish);
    call.on('error', (error: ServiceError) => {
      if (finished || error.code === GrpcStatus.CANCELLED) return finish();
      this.options.logger.warn({ code: GrpcStatus[error.code], requestId: request.id }, 'analytics stream failed');
      write(event('error', { ...grpcErrorToProblem(error), instance: request.url.split('?', 1)[0], requestId: String(request.id) }));
      finish();
    });
  }

  /** Ends every open stream and refuses new ones (on shutdown, so draining does not wait for them). */
  closeAll(): void {
    this.closed = true;
    for (const finish of [...this.open]) finish();
  }
}
