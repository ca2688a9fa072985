import { contractProtos, topicOf, topics } from '@bazaar/contracts';
import { startEventDrivenService, type RunningEventDrivenService } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
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

export type RunningPaymentsService = RunningEventDrivenService<PaymentsDatabase>;

/**
 * Opens the database, starts the Kafka side (outbox relay, payments.commands.v1 consumer) and serves
 * gRPC health + reflection only: payments has no business RPCs.
 */
export function startPaymentsService(
  config: PaymentsConfig,
  logger: Logger,
  options: PaymentsServiceOptions = {},
): Promise<RunningPaymentsService> {
  const consumerGroup = options.consumerGroup ?? PAYMENTS_CONSUMER_GROUP;
  return startEventDrivenService<PaymentsDatabase>({
    service: 'payments',
    config,
    logger,
    migrations: paymentsMigrations,
    topicOf,
    topics: [topics.paymentsCommands, topics.paymentsEvents],
    grpc: ({ database }) => ({ module: PaymentsModule.withDatabase(database), services: [], protos: contractProtos }),
    start: async ({ database, messaging }) => {
      const consumer = messaging.consumer({ groupId: consumerGroup, topics: [topics.paymentsCommands] });
      await onPaymentCommands(consumer, { database, outbox: messaging.outbox, consumerGroup, logger }).start();
    },
  });
}
