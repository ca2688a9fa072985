import { loadConfig, z } from '@bazaar/config';
import { topicCatalog } from '@bazaar/contracts';
import { createKafkaConnection, ensureTopics, kafkaConfigSchema, kafkaSettings } from '@bazaar/messaging';
import { createLogger } from '@bazaar/observability';

const provisioningConfig = z.object({
  ...kafkaConfigSchema,
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1).describe('replication factor of created topics (default 1)'),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).optional().describe('partitions of every created topic, or unset for the catalog’s'),
});

/**
 * Creates the topic catalog's topics and DLQs on the broker `npm start` uses
 * (auto topic creation is off), before any service starts. Idempotent.
 */
export async function provisionTopics(env: NodeJS.ProcessEnv): Promise<{ brokers: string; created: string[]; total: number }> {
  const config = loadConfig('npm start (Kafka topics)', provisioningConfig, env);
  const connection = createKafkaConnection({
    ...kafkaSettings(config),
    clientId: 'bazaar-launcher',
    logger: createLogger({ service: 'launcher', level: 'warn' }),
  });
  const { created } = await ensureTopics(connection, topicCatalog, {
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    partitionsOverride: config.KAFKA_TOPIC_PARTITIONS,
  });
  return { brokers: config.KAFKA_BROKERS.join(','), created, total: topicCatalog.length * 2 };
}
