import type { ITopicConfig } from 'kafkajs';
import type { TopicSpec } from '../types.js';
import { clientOf, type KafkaConnection } from './connection.js';

export interface EnsureTopicsOptions {
  /** 1 locally, 3 on MSK: from config, never from the catalog. */
  replicationFactor: number;
  /** Overrides every catalog topic's partition count (e.g. 1 in small environments). */
  partitionsOverride?: number;
  /** How long the brokers get to create the topics and elect leaders (ms). Default 30 000. */
  timeoutMs?: number;
}

export interface EnsureTopicsResult {
  /** Topics this call created (catalog topics and DLQs). */
  created: string[];
}

const DLQ_PARTITIONS = 1;

/**
 * Creates the catalog's missing topics and their DLQs (auto topic creation is
 * off on every broker). Idempotent: existing topics are left untouched; one
 * whose partition count differs from the catalog is reported as a warning.
 */
export async function ensureTopics(
  connection: KafkaConnection,
  topics: readonly TopicSpec[],
  options: EnsureTopicsOptions,
): Promise<EnsureTopicsResult> {
  const wanted = new Map<string, ITopicConfig>();
  const want = (name: string, partitions: number, retentionMs: number): void => {
    if (wanted.has(name)) return;
    wanted.set(name, {
      topic: name,
      numPartitions: partitions,
      replicationFactor: options.replicationFactor,
      configEntries: [{ name: 'retention.ms', value: String(retentionMs) }],
    });
  };
  for (const spec of topics) {
    want(spec.name, options.partitionsOverride ?? spec.partitions, spec.retentionMs);
    want(spec.dlq, DLQ_PARTITIONS, spec.retentionMs);
  }
  if (wanted.size === 0) return { created: [] };

  const admin = clientOf(connection).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...wanted.values()].filter((config) => !existing.has(config.topic));
    const present = [...wanted.keys()].filter((name) => existing.has(name));
    if (present.length > 0) await warnOnPartitionMismatch(connection, admin, present, wanted);
    if (missing.length === 0) return { created: [] };
    const timeoutMs = options.timeoutMs ?? 30_000;
    await admin.createTopics({ topics: missing, waitForLeaders: false, timeout: timeoutMs });
    const created = missing.map((config) => config.topic);
    await waitForLeaders(admin, created, timeoutMs);
    connection.logger.info({ topics: created }, 'created Kafka topics');
    return { created };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Right after creation a broker may still answer "unknown topic or partition"
 * (kafkajs's own wait gives up on that); poll metadata until every partition
 * has a leader, treating any error as "not yet".
 */
async function waitForLeaders(admin: ReturnType<ReturnType<typeof clientOf>['admin']>, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const ready = metadata.topics.length === topics.length && metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (ready) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Kafka topics ${topics.join(', ')} have no leaders after ${timeoutMs} ms`, { cause: lastError });
}

async function warnOnPartitionMismatch(
  connection: KafkaConnection,
  admin: ReturnType<ReturnType<typeof clientOf>['admin']>,
  names: string[],
  wanted: Map<string, ITopicConfig>,
): Promise<void> {
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  for (const topic of topics) {
    const expected = wanted.get(topic.name)?.numPartitions;
    if (expected !== undefined && topic.partitions.length !== expected) {
      connection.logger.warn(
        { topic: topic.name, partitions: topic.partitions.length, expected },
        'Kafka topic partition count differs from the topic catalog; left unchanged',
      );
    }
  }
}
