import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '@bazaar/observability';
import { createKafkaConnection, ensureTopics, type KafkaConnection } from '../../src/index.js';
import { clientOf } from '../../src/kafka/connection.js';
import { brokers, connect, jsonType, testTopic, uniqueName } from './support.js';

const Ping = jsonType<{ n: number }>('bazaar.test.v1.Ping');
const TOPIC_RESOURCE = 2; // kafkajs ConfigResourceTypes.TOPIC

describe('ensureTopics', () => {
  const orders = { ...testTopic(uniqueName('ensure.orders'), [Ping], 3), retentionMs: 123_456_789 };
  const clicks = testTopic(uniqueName('ensure.clicks'), [Ping], 2);
  let connection: KafkaConnection;
  const admin = () => clientOf(connection).admin();

  beforeAll(() => {
    connection = connect();
  });

  it('creates missing topics and their DLQs with partitions and retention, and is a no-op the second time', async () => {
    const first = await ensureTopics(connection, [orders, clicks], { replicationFactor: 1 });
    expect(first.created.sort()).toEqual([orders.name, orders.dlq, clicks.name, clicks.dlq].sort());
    expect(await ensureTopics(connection, [orders, clicks], { replicationFactor: 1 })).toEqual({ created: [] });

    const client = admin();
    await client.connect();
    try {
      const { topics } = await client.fetchTopicMetadata({ topics: [orders.name, orders.dlq, clicks.name, clicks.dlq] });
      const partitions = Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]));
      expect(partitions).toEqual({ [orders.name]: 3, [orders.dlq]: 1, [clicks.name]: 2, [clicks.dlq]: 1 });
      const { resources } = await client.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: TOPIC_RESOURCE, name: orders.name, configNames: ['retention.ms'] }],
      });
      expect(resources[0]?.configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe('123456789');
    } finally {
      await client.disconnect();
    }
  });

  it('leaves an existing topic with a different partition count alone and warns', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = createKafkaConnection({ brokers: brokers(), clientId: 'ensure-test', logger: createLogger({ service: 't', level: 'warn', destination }) });
    expect(await ensureTopics(logged, [orders], { replicationFactor: 1, partitionsOverride: 6 })).toEqual({ created: [] });
    const warning = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l['topic'] === orders.name);
    expect(warning).toMatchObject({ level: 'warn', partitions: 3, expected: 6 });
  });

  afterAll(() => undefined);
});
