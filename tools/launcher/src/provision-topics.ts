import { loadConfig } from '@bazaar/config';
import { topicCatalog } from '@bazaar/contracts';
import { createKafkaConnection, ensureTopics, kafkaSettings, messagingConfig } from '@bazaar/messaging';
import { createLogger } from '@bazaar/observability';

/**
 * Creates the topic catalog's topics and DLQs on the broker `npm start` uses
 * (auto topic creation is off), before any service starts. Idempotent.
 */
export async function provisionTopics(env: NodeJS.ProcessEnv): Promise<{ brokers: string; created: string[]; total: number }> {
  const config = loadConfig('npm start (Kafka topics)', messagingConfig, env);
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
