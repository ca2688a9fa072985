import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module, type DynamicModule } from '@nestjs/common';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { createLogger, renderMetrics } from '@bazaar/observability';
import { freePort } from '@bazaar/testing';
import {
  createGrpcClient,
  GrpcService,
  GrpcStatus,
  InvalidArgumentError,
  loadIdempotentMethods,
  readErrorDetails,
  startGrpcService,
  UnavailableError,
  type GrpcClient,
  type RunningGrpcService,
} from '../src/index.js';
import { EchoServiceDefinition, echoProtos } from './echo-service.js';

type Echo = GrpcClient<typeof EchoServiceDefinition>;
const logger = createLogger({ service: 'grpc-test', level: 'silent' });
const idempotentMethods = loadIdempotentMethods(echoProtos.files, echoProtos.includeDirs);

/** What the server saw, per test. */
const seen: { deadlines: (Date | number)[]; requestIds: unknown[]; attempts: number } = { deadlines: [], requestIds: [], attempts: 0 };
let downstream: Echo | undefined;

@Controller()
@GrpcService(EchoServiceDefinition)
class EchoController {
  async echo(request: { text: string }, metadata: Metadata, call: ServerUnaryCall<unknown, unknown>) {
    seen.deadlines.push(call.getDeadline());
    seen.requestIds.push(metadata.get('x-request-id')[0]);
    switch (request.text) {
      case 'invalid':
        throw new InvalidArgumentError([{ field: 'text', description: 'must not be "invalid"' }]);
      case 'bug':
        throw new Error('secret internal detail');
      case 'flaky':
        if (++seen.attempts < 3) throw new UnavailableError('try again');
        return { text: `ok after ${seen.attempts}` };
      case 'slow':
        await new Promise((r) => setTimeout(r, 1_000));
        return { text: 'late' };
      case 'relay':
        return downstream!.echo({ text: 'from relay' });
      default:
        return { text: request.text };
    }
  }

  async shout(request: { text: string }) {
    if (request.text === 'flaky') {
      seen.attempts++;
      throw new UnavailableError('try again');
    }
    return { text: request.text.toUpperCase() };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

async function startEcho(): Promise<{ service: RunningGrpcService; address: string }> {
  const grpcPort = await freePort();
  const service = await startGrpcService({
    module: EchoModule as unknown as DynamicModule,
    services: [EchoServiceDefinition],
    protos: echoProtos,
    host: '127.0.0.1',
    grpcPort,
    adminPort: 0,
    logger,
  });
  return { service, address: `127.0.0.1:${grpcPort}` };
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; details: string; metadata: Metadata };
  }
  throw new Error('expected failure');
}

describe('gRPC platform: server bootstrap + client factory', () => {
  let server: { service: RunningGrpcService; address: string };
  let client: Echo;

  beforeAll(async () => {
    server = await startEcho();
    client = createGrpcClient(EchoServiceDefinition, { address: server.address, timeoutMs: 5_000, idempotentMethods });
    downstream = createGrpcClient(EchoServiceDefinition, { address: server.address, timeoutMs: 10_000, idempotentMethods });
  });
  afterEach(() => {
    seen.deadlines = [];
    seen.requestIds = [];
    seen.attempts = 0;
  });
  afterAll(async () => {
    client?.close();
    downstream?.close();
    await server?.service.shutdown('done');
  });

  it('reads idempotency from the proto options', () => {
    expect([...idempotentMethods]).toEqual(['/test.echo.v1.EchoService/Echo']);
  });

  it('round-trips a call', async () => {
    expect(await client.echo({ text: 'hi' })).toEqual({ text: 'hi' });
  });

  it('maps a domain error to INVALID_ARGUMENT with field details', async () => {
    const error = await failure(client.echo({ text: 'invalid' }));
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(readErrorDetails(error).fieldViolations).toEqual([{ field: 'text', description: 'must not be "invalid"' }]);
  });

  it('turns an unexpected error into INTERNAL without leaking its message', async () => {
    const error = await failure(client.echo({ text: 'bug' }));
    expect(error.code).toBe(GrpcStatus.INTERNAL);
    expect(error.details).toBe('internal error');
    expect(JSON.stringify(error)).not.toContain('secret');
  });

  it('puts a deadline on every call and fails with DEADLINE_EXCEEDED past it', async () => {
    await client.echo({ text: 'plain' });
    expect(new Date(seen.deadlines[0]!).getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
    seen.deadlines = [];
    const error = await failure(client.echo({ text: 'slow' }, { timeoutMs: 200 }));
    expect(error.code).toBe(GrpcStatus.DEADLINE_EXCEEDED);
    const deadline = new Date(seen.deadlines[0]!).getTime();
    expect(deadline).toBeLessThan(Date.now() + 1_000);
  });

  it('propagates the remaining deadline and the request id to downstream calls', async () => {
    const { runWithCallContext } = await import('../src/index.js');
    const started = Date.now();
    await runWithCallContext({ deadline: new Date(started + 800), propagated: { 'x-request-id': 'req-42' } }, () =>
      client.echo({ text: 'relay' }),
    );
    expect(seen.deadlines).toHaveLength(2);
    const [outer, inner] = seen.deadlines.map((d) => new Date(d).getTime());
    // Clients allow 5 s / 10 s, but the inherited 800 ms deadline wins at both hops. The server
    // rebuilds a deadline from the relative grpc-timeout header, hence the small allowance for skew.
    expect(outer!).toBeLessThan(started + 1_000);
    expect(inner!).toBeLessThan(outer! + 50);
    expect(seen.requestIds).toEqual(['req-42', 'req-42']);
  });

  it('fails fast when the inherited deadline has already passed', async () => {
    const { runWithCallContext } = await import('../src/index.js');
    const error = await failure(runWithCallContext({ deadline: new Date(Date.now() - 1), propagated: {} }, () => client.echo({ text: 'x' })));
    expect(error.code).toBe(GrpcStatus.DEADLINE_EXCEEDED);
    expect(seen.deadlines).toHaveLength(0);
  });

  it('retries an idempotent method on UNAVAILABLE', async () => {
    expect(await client.echo({ text: 'flaky' })).toEqual({ text: 'ok after 3' });
  });

  it('never retries a method with side effects', async () => {
    const error = await failure(client.shout({ text: 'flaky' }));
    expect(error.code).toBe(GrpcStatus.UNAVAILABLE);
    expect(seen.attempts).toBe(1);
  });

  it('records RED metrics per service, method and code', async () => {
    await client.echo({ text: 'metrics' });
    const { body } = await renderMetrics();
    expect(body).toMatch(/rpc_server_duration_seconds_count\{[^}]*rpc_service="test.echo.v1.EchoService"[^}]*rpc_method="Echo"[^}]*rpc_grpc_status_code="0"[^}]*\} [1-9]/);
    expect(body).toMatch(/rpc_server_duration_seconds_count\{[^}]*rpc_grpc_status_code="3"[^}]*\} [1-9]/);
    expect(body).toMatch(/rpc_client_duration_seconds_count\{[^}]*rpc_method="Echo"/);
  });

  it('runs shutdown hooks after readiness is off and before the server drains; liveness follows its checks', async () => {
    const other = await startEcho();
    const events: string[] = [];
    let live = true;
    other.service.addLivenessCheck(() => live);
    const healthz = async () => (await fetch(`http://127.0.0.1:${other.service.adminPort}/healthz`)).status;
    expect(await healthz()).toBe(200);
    live = false;
    expect(await healthz()).toBe(503);
    other.service.onShutdown(async () => {
      const ready = await fetch(`http://127.0.0.1:${other.service.adminPort}/readyz`);
      events.push(`hook (readyz ${ready.status})`);
    });
    other.service.onShutdown(async () => void events.push('second hook'));
    await other.service.shutdown('test');
    expect(events).toEqual(['hook (readyz 503)', 'second hook']);
  });

  it('answers UNAVAILABLE when nothing listens', async () => {
    const port = await freePort();
    const orphan: Echo = createGrpcClient(EchoServiceDefinition, { address: `127.0.0.1:${port}`, timeoutMs: 2_000, idempotentMethods });
    const error = await failure(orphan.shout({ text: 'anyone?' }));
    expect(error.code).toBe(GrpcStatus.UNAVAILABLE);
    orphan.close();
  });
});
