import { contractProtos, topicOf, topics } from '@bazaar/contracts';
import { serveGrpc, type RunningGrpcService } from '@bazaar/grpc';
import { startMessaging, type MessagingRuntime } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import { openServiceDatabase, type Database } from '@bazaar/persistence';
import type { PaymentsConfig } from './config.js';
import { paymentsMigrations } from './db/migrations/index.js';
import type { PaymentsDatabase } from './db/schema.js';
import { onPaymentCommands } from './payments/command-handlers.js';
import { PaymentsModule } from './payments.module.js';

export const PAYMENTS_CONSUMER_GROUP = 'payments';

export interface PaymentsServiceOptions {
  /** Kafka consumer group (and inbox scope); tests isolate runs with their own. */
  consumerGroup?: string;
}

export interface RunningPaymentsService extends RunningGrpcService {
  database: Database<PaymentsDatabase>;
}

/**
 * Opens the database, starts the Kafka side (outbox relay, payments.commands.v1 consumer) and serves
 * gRPC health + reflection only: payments has no business RPCs.
 */
export async function startPaymentsService(
  config: PaymentsConfig,
  logger: Logger,
  options: PaymentsServiceOptions = {},
): Promise<RunningPaymentsService> {
  const consumerGroup = options.consumerGroup ?? PAYMENTS_CONSUMER_GROUP;
  const database = await openServiceDatabase<PaymentsDatabase>('payments', config, paymentsMigrations, logger);
  let messaging: MessagingRuntime | undefined;
  let service: RunningGrpcService | undefined;
  try {
    messaging = await startMessaging({
      service: 'payments',
      config,
      database,
      logger,
      topicOf,
      topics: [topics.paymentsCommands, topics.paymentsEvents],
    });
    service = await serveGrpc(config, logger, {
      module: PaymentsModule.withDatabase(database),
      services: [],
      protos: contractProtos,
    });
    const running = messaging;
    service.onShutdown(() => running.stop());
    service.addLivenessCheck(() => running.isHealthy());
    const consumer = messaging.consumer({ groupId: consumerGroup, topics: [topics.paymentsCommands] });
    await onPaymentCommands(consumer, { database, outbox: messaging.outbox, consumerGroup, logger }).start();
    return { ...service, database };
  } catch (error) {
    if (service) await service.shutdown('start-up failed');
    else {
      await messaging?.stop();
      await database.close();
    }
    throw error;
  }
}
