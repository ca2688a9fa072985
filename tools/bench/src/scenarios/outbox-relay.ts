import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import {
  buildRecord,
  createKafkaConnection,
  createOutbox,
  createPublisher,
  ensureTopics,
  outboxMigrations,
  startOutboxRelay,
  type MessageType,
  type TopicSpec,
} from '@bazaar/messaging';
import { createLogger } from '@bazaar/observability';
import { openDatabase } from '@bazaar/persistence';
import type { Scenario, Workload } from '../scenario.js';

/** The relay's default batch size (libs/messaging/src/outbox/relay.ts); the baseline publishes batches of the same size. */
const BATCH_SIZE = 100;
/** Concurrent writers on the outbox side, each running one transaction per record (a service under load). */
const WRITERS = 4;
const KEYS_PER_WRITER = 50;

interface BenchEvent {
  aggregate: string;
  sequence: number;
  note: string;
}

/** A JSON message type, as messaging's own tests use (no domain contracts); ~512 bytes encoded. */
const BenchEvent: MessageType<BenchEvent> = {
  typeName: 'bazaar.bench.v1.OutboxEvent',
  encode: (message) => new TextEncoder().encode(JSON.stringify(message)),
  decode: (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as BenchEvent,
  toJSON: (message) => message,
  create: (partial) => ({ aggregate: '', sequence: 0, note: '', ...partial }),
};
const NOTE = 'x'.repeat(460);

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'bench' });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export const outboxRelayScenario: Scenario = {
  name: 'outbox-relay',
  description:
    `~512-byte events to Kafka: ${WRITERS} writers enqueueing through the transactional outbox (one transaction per event) ` +
    `and relayed by the real relay vs the same publisher publishing ${BATCH_SIZE}-record batches directly`,
  baselineLabel: `publishRecords, ${BATCH_SIZE}-record batches`,
  candidateLabel: `outbox enqueue (${WRITERS} writers, 1 event/tx) + relay`,
  // The outbox side is bound by one commit per event: ~800/s on the idle 2-core machine (~200/s when shared), the
  // direct side ~3 000-19 000/s. 3 000 gives the slow side ~4-15 s; the direct side's rounds are short and noisier.
  opsPerRound: 3_000,
  target: {
    minRatio: 0.025,
    why: 'measured 0.042-0.070 (medians of 3-5 rounds; the direct side swings 3 000-19 000/s with machine load): ~60% of the lowest',
  },
  async prepare(environment) {
    const id = randomBytes(4).toString('hex');
    // Generated from a fixed prefix + hex: quoting is enough.
    const databaseName = `bench_outbox_${Date.now().toString(36)}_${id}`;
    await admin(environment.postgresUrl, `CREATE DATABASE "${databaseName}"`);
    const databaseUrl = new URL(environment.postgresUrl);
    databaseUrl.pathname = `/${databaseName}`;
    const brokers = environment.kafkaBrokers.split(',');
    const logger = createLogger({ service: 'bench', level: 'silent' });
    const topic: TopicSpec = {
      name: `bench.outbox.${id}`,
      messageTypes: [BenchEvent as MessageType<never>],
      partitions: 3,
      retentionMs: 3_600_000,
      consumerGroups: [],
      dlq: `bench.outbox.${id}.dlq`,
    };

    const dropDatabase = () => admin(environment.postgresUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    const database = await openDatabase<unknown>({ service: 'bench-outbox', databaseUrl: databaseUrl.toString(), migrations: outboxMigrations }).catch(
      async (error: unknown) => {
        await dropDatabase();
        throw error;
      },
    );
    const connection = createKafkaConnection({ brokers, clientId: 'bench-outbox-relay', logger });
    await ensureTopics(connection, [topic], { replicationFactor: 1 }).catch(async (error: unknown) => {
      await database.close();
      await dropDatabase();
      throw error;
    });
    const publisher = createPublisher(connection, { producer: 'bench', topicOf: () => topic });
    await publisher.connect();
    // Wired as startMessaging wires it: the service's database, its publisher, the relay's defaults.
    const relay = startOutboxRelay({ database, publisher, logger });
    const outbox = createOutbox({ producer: 'bench', topicOf: () => topic });
    const event = (writer: number, sequence: number): [string, BenchEvent] => {
      const aggregate = `aggregate-${writer}-${sequence % KEYS_PER_WRITER}`;
      return [aggregate, { aggregate, sequence, note: NOTE }];
    };

    const baseline: Workload = async (ops) => {
      for (let sent = 0; sent < ops; sent += BATCH_SIZE) {
        const batch = Array.from({ length: Math.min(BATCH_SIZE, ops - sent) }, (_, index) => {
          const [key, payload] = event(0, sent + index);
          return buildRecord({ topic, type: BenchEvent, key, payload, producer: 'bench' });
        });
        await publisher.publishRecords(batch);
      }
      return { ops };
    };

    // An operation completes when the relay has published it: drain() resolves once a relay pass that started
    // after the last commit found nothing left unpublished (published_at set on every row).
    const candidate: Workload = async (ops) => {
      let next = 0;
      const writer = async (index: number): Promise<void> => {
        let sequence = 0;
        while (next < ops) {
          next++;
          const [key, payload] = event(index, sequence++);
          await database.db.transaction().execute((trx) => outbox.enqueue(trx, BenchEvent, key, payload));
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
      await relay.drain();
      return { ops: next };
    };

    return {
      baseline,
      candidate,
      close: async () => {
        await relay.stop();
        await publisher.disconnect();
        await database.close();
        await dropDatabase();
        const kafkaAdmin = new Kafka({ clientId: 'bench-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
        await kafkaAdmin.connect();
        try {
          await kafkaAdmin.deleteTopics({ topics: [topic.name, topic.dlq] });
        } finally {
          await kafkaAdmin.disconnect();
        }
      },
    };
  },
};
