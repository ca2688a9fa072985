import { z } from '@bazaar/config';
import { kafkaConfigSchema } from '../kafka/config.js';

/**
 * Everything a service that talks Kafka reads from its environment; spread
 * into its config schema: `z.object({ ...messagingConfigSchema, ...mine })`.
 */
export const messagingConfigSchema = {
  ...kafkaConfigSchema,
  KAFKA_REPLICATION_FACTOR: z.coerce
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('replication factor of topics created at start (default 1; 3 on MSK)'),
  KAFKA_TOPIC_PARTITIONS: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('partitions of every topic created at start, or unset for the topic catalog’s'),
};

export const messagingConfig = z.object(messagingConfigSchema);
export type MessagingConfig = z.infer<typeof messagingConfig>;
