import type { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { Server } from '@grpc/grpc-js';
import { NestLogger, startAdminServer, type Logger } from '@bazaar/observability';
import { GrpcContextInterceptor } from './grpc-context.interceptor.js';
import { GrpcExceptionFilter } from './grpc-exception.filter.js';
import { serviceNameOf, type ServiceDefinitionLike } from './grpc-service.decorator.js';
import { HealthAndReflection, type ProtoSources } from './health-and-reflection.js';
import { serverKeepalive } from '../keepalive.js';

export interface GrpcServiceOptions {
  /** The Nest root module holding the controllers. */
  module: Type<unknown> | DynamicModule;
  /** Generated service definitions this process serves (e.g. CatalogServiceService). */
  services: ServiceDefinitionLike[];
  /** Where their .proto files live, for server reflection. */
  protos: ProtoSources;
  host?: string;
  grpcPort: number;
  /** HTTP port for /metrics, /healthz, /readyz. */
  adminPort: number;
  logger: Logger;
  /** After readiness turns off, how long to keep serving so load balancers notice. */
  shutdownDelayMs?: number;
  /** How long in-flight calls get to finish before the server is forced down. */
  drainTimeoutMs?: number;
}

export interface RunningGrpcService {
  app: INestMicroservice;
  adminPort: number;
  /**
   * Runs `stop` during shutdown, after readiness turned off and before the
   * gRPC server drains — where Kafka consumers and outbox relays stop.
   * Hooks run in the order they were added.
   */
  onShutdown(stop: () => Promise<void>): void;
  /** Adds a condition to the liveness probe (/healthz), e.g. "no consumer crashed for good". */
  addLivenessCheck(isLive: () => boolean): void;
  /** Readiness off → NOT_SERVING → shutdown hooks → drain → close app (and its DB) → admin server. Idempotent. */
  shutdown(reason: string): Promise<void>;
}

/**
 * Every gRPC service starts the same way: Nest microservice on the generated
 * definitions, health + reflection always on, one exception filter, call
 * context + RED metrics interceptor, admin HTTP endpoints, graceful shutdown.
 */
export async function startGrpcService(options: GrpcServiceOptions): Promise<RunningGrpcService> {
  const { logger } = options;
  const serviceNames = options.services.map(serviceNameOf);
  const health = new HealthAndReflection(serviceNames, options.protos);
  let grpcServer: Server | undefined;
  let ready = false;
  const shutdownHooks: (() => Promise<void>)[] = [];
  const livenessChecks: (() => boolean)[] = [];

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(options.module, {
    logger: new NestLogger(logger),
    transport: Transport.GRPC,
    options: {
      url: `${options.host ?? '0.0.0.0'}:${options.grpcPort}`,
      package: [...new Set(serviceNames.map((name) => name.slice(0, name.lastIndexOf('.'))))],
      packageDefinition: Object.fromEntries(options.services.map((d) => [serviceNameOf(d), d])),
      onLoadPackageDefinition: (_pkg: unknown, server: Server) => {
        grpcServer = server;
        health.addTo(server);
      },
      gracefulShutdown: true,
      keepalive: serverKeepalive,
    },
  });
  app.useGlobalFilters(new GrpcExceptionFilter(logger));
  app.useGlobalInterceptors(new GrpcContextInterceptor());
  await app.listen();

  const admin = await startAdminServer({
    port: options.adminPort,
    host: options.host,
    isReady: () => ready,
    isLive: () => livenessChecks.every((check) => check()),
    logger,
  });
  health.setServing(true);
  ready = true;
  logger.info({ grpc_port: options.grpcPort, admin_port: admin.port, services: serviceNames }, 'gRPC service ready');

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (stopping ??= (async () => {
      logger.info({ reason }, 'shutting down: readiness off');
      ready = false;
      health.setServing(false);
      await sleep(options.shutdownDelayMs ?? 0);
      for (const stop of shutdownHooks) {
        await stop().catch((error: unknown) => logger.error({ err: error }, 'shutdown hook failed'));
      }
      const forced = setTimeout(() => {
        logger.warn('drain timeout: forcing gRPC server down');
        grpcServer?.forceShutdown();
      }, options.drainTimeoutMs ?? 10_000);
      try {
        await app.close();
      } finally {
        clearTimeout(forced);
        await admin.close();
      }
      logger.info('shutdown complete');
    })());

  return {
    app,
    adminPort: admin.port,
    onShutdown: (stop) => void shutdownHooks.push(stop),
    addLivenessCheck: (isLive) => void livenessChecks.push(isLive),
    shutdown,
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** The settings every gRPC service reads (config's `serviceRuntimeVars` + its ports). */
export interface GrpcServiceConfig {
  HOST: string;
  GRPC_PORT: number;
  ADMIN_PORT: number;
  SHUTDOWN_DELAY_MS: number;
  DRAIN_TIMEOUT_MS: number;
}

/** startGrpcService with the bind address, ports and shutdown timing taken from a service's validated config. */
export function serveGrpc(
  config: GrpcServiceConfig,
  logger: Logger,
  options: Pick<GrpcServiceOptions, 'module' | 'services' | 'protos'>,
): Promise<RunningGrpcService> {
  return startGrpcService({
    ...options,
    host: config.HOST,
    grpcPort: config.GRPC_PORT,
    adminPort: config.ADMIN_PORT,
    logger,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    drainTimeoutMs: config.DRAIN_TIMEOUT_MS,
  });
}
