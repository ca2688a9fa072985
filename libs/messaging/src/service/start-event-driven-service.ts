import { serveGrpc, type GrpcServiceConfig, type GrpcServiceOptions, type RunningGrpcService } from '@bazaar/grpc';
import type { Logger } from '@bazaar/observability';
import { openServiceDatabase, type Database, type Migration, type ServiceDatabaseConfig } from '@bazaar/persistence';
import type { MessagingConfig } from '../runtime/messaging-config.js';
import { startMessaging, type MessagingRuntime, type MessagingRuntimeOptions } from '../runtime/start-messaging.js';

export interface ServiceResources<DB> {
  database: Database<DB>;
  messaging: MessagingRuntime;
}

export interface StartHookContext<DB> extends ServiceResources<DB> {
  /** Runs `stop` at shutdown (in the order added, before Kafka stops), or at once if start-up fails. */
  onShutdown(stop: () => Promise<void>): void;
}

export interface EventDrivenServiceOptions<DB> {
  service: string;
  config: GrpcServiceConfig & MessagingConfig & ServiceDatabaseConfig;
  logger: Logger;
  migrations: Record<string, Migration>;
  topicOf: MessagingRuntimeOptions['topicOf'];
  /** Topics it produces to or consumes: created at start if missing. */
  topics: MessagingRuntimeOptions['topics'];
  grpc: (resources: ServiceResources<DB>) => Pick<GrpcServiceOptions, 'module' | 'services' | 'protos'>;
  /** Starts the app's consumers and background jobs. */
  start: (context: StartHookContext<DB>) => Promise<void>;
  /** When `start` runs: after gRPC serves (default), or before, so consumers run before the first request. */
  startBeforeServing?: boolean;
}

export interface RunningEventDrivenService<DB> extends RunningGrpcService, ServiceResources<DB> {}

/**
 * The plumbing every Kafka + Postgres + gRPC service shares: open (and migrate) its database, start its
 * Kafka side, serve gRPC with Kafka in the liveness probe and the shutdown, and run the app's `start` hook.
 * If start-up fails, whatever started is torn down before the error is rethrown.
 */
export async function startEventDrivenService<DB>(options: EventDrivenServiceOptions<DB>): Promise<RunningEventDrivenService<DB>> {
  const { config, logger } = options;
  const database = await openServiceDatabase<DB>(options.service, config, options.migrations, logger);
  const stopHooks: (() => Promise<void>)[] = [];
  let messaging: MessagingRuntime | undefined;
  let service: RunningGrpcService | undefined;
  try {
    const resources = { database, messaging: (messaging = await startMessaging({ service: options.service, config, database, logger, topicOf: options.topicOf, topics: options.topics })) };
    const context: StartHookContext<DB> = { ...resources, onShutdown: (stop) => void stopHooks.push(stop) };
    if (options.startBeforeServing) await options.start(context);
    service = await serveGrpc(config, logger, options.grpc(resources));
    service.onShutdown(async () => {
      for (const stop of stopHooks) await stop();
      await resources.messaging.stop();
    });
    service.addLivenessCheck(() => resources.messaging.isHealthy());
    if (!options.startBeforeServing) await options.start(context);
    return Object.assign(service, resources);
  } catch (error) {
    if (service) await service.shutdown('start-up failed');
    else {
      for (const stop of stopHooks) await stop();
      await messaging?.stop().catch(() => undefined);
      await database.close();
    }
    throw error;
  }
}
