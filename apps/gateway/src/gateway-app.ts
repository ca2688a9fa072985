import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { NestLogger, type Logger } from '@bazaar/observability';
import type { GatewayConfig } from './config.js';
import { frameworkProblem, ProblemFilter, sendProblem } from './errors/problem.filter.js';
import { createAnalyticsClient } from './analytics/analytics-client.js';
import { MetricsStreams } from './analytics/metrics-stream.js';
import { startClickstream } from './clickstream/clickstream.js';
import { GatewayModule } from './gateway.module.js';
import { Readiness } from './health/readiness.js';
import { CallContextInterceptor } from './http/call-context.interceptor.js';
import { recordRequest, registerRequestHooks } from './http/metrics-hook.js';
import { requestIdFor } from './http/request-id.js';
import { serveOpenApi } from './openapi.js';
import { createCatalogClient } from './products/catalog-client.js';
import { createTokenVerifier } from './auth/token-verifier.js';
import { registerRateLimit } from './http/rate-limit.js';
import { createUpstreamClients } from './upstream-clients.js';

export interface RunningGateway {
  /** The HTTP port actually bound (useful with HTTP_PORT=0). */
  port: number;
  /**
   * Readiness off → SHUTDOWN_DELAY_MS → end event streams, drain HTTP (at most DRAIN_TIMEOUT_MS) →
   * close gRPC clients → flush the clickstream (at most CLICKSTREAM_SHUTDOWN_FLUSH_MS). Idempotent.
   */
  shutdown(reason: string): Promise<void>;
}

function createAdapter(logger: Logger): FastifyAdapter {
  return new FastifyAdapter({
    logger: false, // one JSON access line per request comes from registerRequestHooks instead
    requestIdHeader: false,
    genReqId: requestIdFor,
    // URLs the router cannot even decode (bad % escapes, overlong params) still get a problem body.
    // These bypass the request hooks, so they are recorded here.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      sendProblem(request, reply, frameworkProblem(error));
      recordRequest(request, reply, logger);
    },
  });
}

/**
 * Starts the HTTP edge: REST over the services' gRPC APIs with bearer-token
 * authentication and rate limiting, OpenAPI docs, probes and metrics.
 */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  const readiness = new Readiness();
  const verifier = await createTokenVerifier(config);
  const catalog = createCatalogClient(config);
  const upstream = createUpstreamClients(config);
  const analytics = createAnalyticsClient(config);
  const metricsStreams = new MetricsStreams(analytics.watch, {
    heartbeatMs: config.ANALYTICS_STREAM_HEARTBEAT_MS,
    openTimeoutMs: Math.min(config.UPSTREAM_TIMEOUT_MS, 1_000),
    maxStreams: config.ANALYTICS_MAX_STREAMS,
    logger,
  });
  const clickstream = startClickstream(config, logger);
  const closeClients = () => {
    catalog.close();
    upstream.close();
    analytics.close();
  };
  let app: NestFastifyApplication | undefined;
  try {
    const scopes = { analytics: config.AUTH_ANALYTICS_SCOPE };
    const module = GatewayModule.create({ catalog, upstream, verifier, scopes, readiness, logger, clickstream, analytics, metricsStreams });
    app = await NestFactory.create<NestFastifyApplication>(module, createAdapter(logger), {
      logger: new NestLogger(logger.child({ component: 'nest' })),
      abortOnError: false,
    });
    const fastify = app.getHttpAdapter().getInstance();
    registerRequestHooks(fastify, logger);
    // server.close() only reaps connections idle at that moment: a request still running then would keep
    // its keep-alive connection (and the drain) open until DRAIN_TIMEOUT_MS. Once readiness is off,
    // answers close their connection, so clients also move to a ready instance.
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (!readiness.isReady()) reply.header('connection', 'close');
      done(null, payload);
    });
    await registerRateLimit(app, { perMinute: config.RATE_LIMIT_PER_MINUTE, verifier });
    app.useGlobalFilters(new ProblemFilter(logger, fastify));
    app.useGlobalInterceptors(new CallContextInterceptor(config.REQUEST_TIMEOUT_MS));
    serveOpenApi(app);
    await app.listen(config.HTTP_PORT, config.HOST);
  } catch (error) {
    await app?.close().catch(() => undefined);
    closeClients();
    await clickstream.close();
    throw error;
  }

  const running = app;
  const server = running.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  logger.info(
    {
      port,
      catalog: config.CATALOG_ADDRESS,
      cart: config.CART_ADDRESS,
      orders: config.ORDERS_ADDRESS,
      shipping: config.SHIPPING_ADDRESS,
      analytics: config.ANALYTICS_ADDRESS,
      auth: config.AUTH_JWKS_URL ? 'jwks-url' : 'embedded-keys',
    },
    'gateway listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = async (reason: string) => {
    logger.info({ reason, delayMs: config.SHUTDOWN_DELAY_MS }, 'shutting down: readiness off');
    readiness.stop();
    if (config.SHUTDOWN_DELAY_MS > 0) await sleep(config.SHUTDOWN_DELAY_MS);
    const drainTimer = setTimeout(() => {
      logger.warn({ drainTimeoutMs: config.DRAIN_TIMEOUT_MS }, 'drain timeout: closing remaining connections');
      server.closeAllConnections();
    }, config.DRAIN_TIMEOUT_MS);
    // Event streams never end by themselves; drained requests may still emit clickstream events.
    metricsStreams.closeAll();
    try {
      await running.close();
    } finally {
      clearTimeout(drainTimer);
      closeClients();
      await clickstream.close();
    }
    logger.info('gateway stopped');
  };
  return { port, shutdown: (reason) => (stopping ??= stop(reason)) };
}
