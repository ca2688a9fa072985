import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { createLogger } from '@bazaar/observability';
import { createKafkaConnection, createPublisher, ensureTopics, type KafkaConnection, type Publisher, type TopicSpec } from '../../src/index.js';
import { CountedEvent } from './message-types.js';

export const silentLogger = createLogger({ service: 'messaging-test', level: 'silent' });

export function kafkaBrokers(): string[] {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is unset: the jest global setup of @bazaar/kafka-local should provide it');
  return brokers.split(',');
}

export function testConnection(): KafkaConnection {
  return createKafkaConnection({ brokers: kafkaBrokers(), clientId: 'messaging-test', logger: silentLogger });
}

export function testPublisher(connection: KafkaConnection): Publisher {
  return createPublisher(connection, { producer: 'messaging-test', topicOf: () => testTopicSpec('unused') });
}

export function testTopicSpec(name: string, partitions = 3): TopicSpec {
  return { name, messageTypes: [CountedEvent as never], partitions, retentionMs: 3_600_000, consumerGroups: [], dlq: `${name}.dlq` };
}

/** A new, uniquely named topic (auto creation is off on the broker). */
export async function createTestTopic(connection: KafkaConnection, partitions = 3): Promise<string> {
  const name = `messaging-test.${randomBytes(6).toString('hex')}`;
  await ensureTopics(connection, [testTopicSpec(name, partitions)], { replicationFactor: 1 });
  return name;
}

export interface ReadRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

function rawClient(): Kafka {
  return new Kafka({ clientId: 'messaging-test-reader', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
}

/** How many records the topic holds (sum of high watermarks). */
export async function recordCount(topic: string): Promise<number> {
  const admin = rawClient().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Every record of the topic, read from the beginning, in partition order. */
export async function readTopic(topic: string): Promise<ReadRecord[]> {
  const expected = await recordCount(topic);
  const records: ReadRecord[] = [];
  if (expected === 0) return records;
  const consumer = rawClient().consumer({ groupId: `reader-${randomBytes(6).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            records.push({
              key: message.key?.toString() ?? '',
              value: message.value ?? Buffer.alloc(0),
              headers: stringHeaders(message.headers),
              partition,
              offset: message.offset,
            });
            if (records.length >= expected) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return result;
}
