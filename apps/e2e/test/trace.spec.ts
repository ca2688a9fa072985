import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSpanFile, localTraceFile, startOtlpReceiver, traceIdsOfOrder, type OtlpReceiver, type SpanRecord } from '@bazaar/local-traces';
import { services } from '@bazaar/service-catalog';
import { waitFor } from '@bazaar/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchSystem, type LaunchedSystem } from './launched-system.js';
import { shopClient } from './shop-client.js';
import { repoRoot } from './system.js';
import { describeTrace, orphans, parentOf, sampleSum } from './trace-helpers.js';

const SAGA_SERVICES = ['gateway', 'cart', 'orders', 'inventory', 'payments', 'shipping'];
const KAFKA_HOPS = ['inventory.commands.v1', 'inventory.events.v1', 'payments.commands.v1', 'payments.events.v1', 'orders.events.v1', 'shipping.events.v1'];
const DATABASE_SERVICES = ['orders', 'inventory', 'payments', 'shipping'];

/**
 * The proof of issue 6: the whole system as `npm start` runs it, every service exporting OTLP/HTTP
 * to a receiver inside this test (decoded with the official protobuf definitions); one checkout
 * through the gateway is one trace, and /metrics show it. One launch serves every test here.
 */
describe('traces and metrics of a checkout (npm start, OTLP to the test)', () => {
  const spans: SpanRecord[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bazaar-traces-'));
  let receiver: OtlpReceiver;
  let system: LaunchedSystem;
  let shop: ReturnType<typeof shopClient>;
  let paidOrder: string;
  let paidTrace: SpanRecord[];

  beforeAll(async () => {
    const spanFile = createSpanFile(localTraceFile(dataDir));
    receiver = await startOtlpReceiver({
      onSpans: (received) => {
        spans.push(...received);
        spanFile.append(received);
      },
    });
    // a short saga step timeout, so the provider-timeout path ends within the test
    system = await launchSystem({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200', STEP_TIMEOUT_MS: '6000' });
    shop = shopClient(system);
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  /** The one trace of `orderId`, once `complete` holds for it and every parent has arrived. */
  async function traceOfOrder(orderId: string, complete: (trace: SpanRecord[]) => boolean): Promise<SpanRecord[]> {
    const trace = await waitFor(
      async () => {
        const [traceId] = traceIdsOfOrder(spans, orderId);
        const candidate = spans.filter((s) => s.traceId === traceId);
        return traceId && complete(candidate) && orphans(candidate).length === 0 ? candidate : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: `the complete trace of order ${orderId}\n${describeTrace(spans)}` },
    );
    expect(traceIdsOfOrder(spans, orderId)).toHaveLength(1);
    return trace;
  }

  it('follows a paid checkout in one trace from the gateway through every gRPC and Kafka hop', async () => {
    paidOrder = await shop.checkout('alice', '6E92ZMYYFZ', 1, 'tok_visa');
    await shop.settled('alice', paidOrder, 'SHIPPED');
    paidTrace = await traceOfOrder(
      paidOrder,
      (trace) => trace.some((s) => s.name === 'saga ShipmentCreated') && SAGA_SERVICES.every((name) => trace.some((s) => s.service === name)),
    );
    const roots = paidTrace.filter((s) => s.parentSpanId === undefined);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ service: 'gateway', kind: 'server', name: 'POST /api/checkout', attributes: expect.objectContaining({ 'http.route': '/api/checkout' }) });
    expect(roots[0]!.attributes['http.request.method'] ?? roots[0]!.attributes['http.method']).toBe('POST');

    const rpcServers = paidTrace.filter((s) => s.kind === 'server' && s.attributes['rpc.system'] === 'grpc');
    expect(rpcServers.map((s) => s.service)).toEqual(expect.arrayContaining(['cart', 'orders']));
    for (const server of rpcServers) {
      expect(server.attributes['rpc.service']).toEqual(expect.any(String));
      expect(server.attributes['rpc.method']).toEqual(expect.any(String));
      expect(parentOf(paidTrace, server)).toMatchObject({ kind: 'client', name: server.name });
    }

    const consumers = paidTrace.filter((s) => s.kind === 'consumer');
    expect([...new Set(consumers.map((s) => s.attributes['messaging.destination.name']))]).toEqual(expect.arrayContaining(KAFKA_HOPS));
    for (const consumer of consumers) {
      expect(consumer.attributes['messaging.system']).toBe('kafka');
      expect(parentOf(paidTrace, consumer)).toMatchObject({
        kind: 'producer',
        attributes: expect.objectContaining({ 'messaging.system': 'kafka', 'messaging.destination.name': consumer.attributes['messaging.destination.name'] }),
      });
    }

    // Every Kafka record of this order (keyed by its id), whoever sent or handled it, is in this trace; inventory's
    // commit of the confirmed order is one of them. Analytics' stream batches link to the records instead.
    const traceId = roots[0]!.traceId;
    const keyed = () => spans.filter((s) => s.attributes['messaging.kafka.message.key'] === paidOrder && s.service !== 'analytics');
    await waitFor(
      async () => keyed().some((s) => s.service === 'inventory' && s.kind === 'consumer' && s.attributes['messaging.destination.name'] === 'orders.events.v1') || undefined,
      { timeoutMs: 30_000, what: `inventory's span for the confirmation of ${paidOrder}` },
    );
    const strays = keyed().filter((s) => s.traceId !== traceId);
    expect(strays.map((s) => `${s.service}: ${s.name}`)).toEqual([]);
  });

  it('publishes from the outbox with the trace context stored at write time', () => {
    const reserve = paidTrace.find((s) => s.kind === 'producer' && s.attributes['messaging.destination.name'] === 'inventory.commands.v1');
    // the relay publishes from a background loop; only the stored context can make the saga span its parent
    expect(parentOf(paidTrace, reserve!)).toMatchObject({ service: 'orders', name: 'saga start' });
    expect(reserve!.startMs).toBeGreaterThanOrEqual(parentOf(paidTrace, reserve!)!.endMs);
  });

  it('shows database spans and the saga steps', () => {
    const db = paidTrace.filter((s) => s.attributes['db.system.name'] === 'postgresql' || s.attributes['db.system'] === 'postgresql');
    expect([...new Set(db.map((s) => s.service))]).toEqual(expect.arrayContaining(DATABASE_SERVICES));
    for (const span of db) expect(span).toMatchObject({ kind: 'client', attributes: expect.objectContaining({ 'db.query.text': expect.any(String) }) });

    const saga = paidTrace.filter((s) => s.name.startsWith('saga '));
    expect(saga.map((s) => s.name)).toEqual(expect.arrayContaining(['saga start', 'saga StockReserved', 'saga PaymentAuthorized', 'saga ShipmentCreated']));
    for (const span of saga) expect(span.attributes['bazaar.order.id']).toBe(paidOrder);
    const steps = saga.flatMap((s) => s.events.filter((e) => e.name === 'saga.step').map((e) => `${e.attributes['bazaar.saga.step']}:${e.attributes['bazaar.saga.outcome']}`));
    expect(steps).toEqual(expect.arrayContaining(['reserve_stock:requested', 'reserve_stock:succeeded', 'authorize_payment:succeeded']));
    // no card token anywhere in the trace
    expect(JSON.stringify(paidTrace)).not.toContain('tok_visa');
  });

  it('marks the failing path of a declined payment with error status', async () => {
    const orderId = await shop.checkout('bob', 'OLJCESPC7Z', 1, 'tok_decline');
    await shop.settled('bob', orderId, 'CANCELLED');
    const trace = await traceOfOrder(orderId, (t) => t.some((s) => s.name === 'saga PaymentDeclined'));
    const failed = trace.filter((s) => s.status.code === 'error');
    expect(failed.map((s) => `${s.service}: ${s.name}`)).toEqual(
      expect.arrayContaining(['payments: payment provider authorize', 'orders: saga PaymentDeclined']),
    );
    expect(trace.find((s) => s.name === 'saga PaymentDeclined')!.status.message).toMatch(/order cancelled: .*declined/i);
    expect(trace.find((s) => s.parentSpanId === undefined)!.status.code).not.toBe('error');
    expect(JSON.stringify(trace)).not.toContain('tok_decline');
  });

  it('continues the checkout’s trace when a saga step times out', async () => {
    const orderId = await shop.checkout('dave', 'L9ECAV7KIM', 1, 'tok_timeout');
    await shop.settled('dave', orderId, 'CANCELLED');
    const trace = await traceOfOrder(orderId, (t) => t.some((s) => s.name === 'saga StepTimedOut'));
    const timedOut = trace.find((s) => s.name === 'saga StepTimedOut')!;
    expect(timedOut.status).toMatchObject({ code: 'error' });
    expect(parentOf(trace, timedOut)).toMatchObject({ name: 'saga start' });
    // the saga duration it ends with links to this checkout's trace too
    const orders = await (await fetch(`${system.metricsUrl('orders')}/metrics`)).text();
    const exemplars = [...orders.matchAll(/^orders_saga_duration_seconds_bucket\{[^}]*end_state="CANCELLED"[^}]*\} \d+ # \{trace_id="([0-9a-f]{32})"\}/gm)].map((m) => m[1]);
    expect(exemplars).toContain(timedOut.traceId);
  }, 60_000);

  it('prints the checkout as a waterfall with `npm run trace`', () => {
    const output = execFileSync(process.execPath, [path.join(repoRoot, 'tools/local-traces/dist/cli.js'), paidOrder, '--data-dir', dataDir], {
      encoding: 'utf8',
    });
    expect(output).toContain(`order ${paidOrder}: 1 trace`);
    expect(output).toContain(`trace ${paidTrace[0]!.traceId}`);
    for (const line of ['saga ShipmentCreated', 'process payments.commands.v1', 'saga.step step=authorize_payment']) expect(output).toContain(line);
    expect(output).not.toContain('parent not received');
  });

  it('counts the checkout in every service’s /metrics: RED, Kafka, outbox, saga and runtime series', async () => {
    const scrape = async (service: string) => (await fetch(`${system.metricsUrl(service)}/metrics`)).text();
    const gateway = await scrape('gateway');
    expect(sampleSum(gateway, 'http_server_request_duration_seconds_count', { http_route: '/api/checkout', http_request_method: 'POST' })).toBeGreaterThan(0);
    expect(sampleSum(gateway, 'rpc_client_duration_seconds_count', { rpc_method: 'PlaceOrder' })).toBeGreaterThan(0);
    for (const service of ['cart', 'orders']) expect(sampleSum(await scrape(service), 'rpc_server_duration_seconds_count')).toBeGreaterThan(0);

    const orders = await scrape('orders');
    expect(sampleSum(orders, 'orders_saga_outcomes_total', { end_state: 'SHIPPED' })).toBeGreaterThan(0);
    expect(sampleSum(orders, 'orders_saga_outcomes_total', { end_state: 'CANCELLED' })).toBeGreaterThan(0);
    expect(sampleSum(orders, 'orders_saga_duration_seconds_count', { end_state: 'SHIPPED' })).toBeGreaterThan(0);
    expect(sampleSum(orders, 'messaging_outbox_published_total')).toBeGreaterThan(0);
    expect(sampleSum(orders, 'messaging_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleSum(orders, 'messaging_consumer_lag')).toBeGreaterThanOrEqual(0);
    // OpenMetrics names a counter's family without _total
    expect(orders).toContain('# TYPE messaging_dlq counter');
    // exemplars: a latency bucket links to a trace the receiver got
    const exemplars = [...orders.matchAll(/^rpc_server_duration_seconds_bucket\{.*\} \d+ # \{trace_id="([0-9a-f]{32})"\}/gm)].map((m) => m[1]);
    expect(exemplars.some((traceId) => spans.some((s) => s.traceId === traceId))).toBe(true);
    const sagaExemplar = /^orders_saga_duration_seconds_bucket\{[^}]*end_state="SHIPPED"[^}]*\} \d+ # \{trace_id="([0-9a-f]{32})"\}/m.exec(orders)?.[1];
    expect(sagaExemplar).toBe(paidTrace[0]!.traceId);

    for (const service of ['inventory', 'payments', 'shipping', 'orders']) {
      const text = await scrape(service);
      expect(sampleSum(text, 'messaging_consumed_total', { outcome: 'ok' })).toBeGreaterThan(0);
      expect(sampleSum(text, 'messaging_handler_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(0);
      expect(sampleSum(text, 'messaging_published_total')).toBeGreaterThan(0);
    }
    for (const { name } of services) {
      const text = await scrape(name);
      for (const runtime of ['nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes', 'process_cpu_seconds_total']) {
        expect(sampleSum(text, runtime)).toBeGreaterThan(0);
      }
      expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    }
  });
});
