import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { resolveKafka } from '@bazaar/kafka-local';
import { createKafkaConnection, createPublisher, ensureTopics, type OutgoingRecord, type TopicSpec } from '@bazaar/messaging';
import { createLogger } from '@bazaar/observability';
import type { Scenario, Workload } from '../scenario.js';

const RECORD_SIZE = 512;
/** The outbox relay's default batch size (libs/messaging/src/outbox/relay.ts): one publishRecords call per batch. */
const BATCH_SIZE = 100;
/**
 * Concurrent publishRecords calls. Each lane owns its keys, so per-key order holds exactly as with one relay
 * (a key is only ever published by one caller, one batch after the other). The Java producer pipelines up to
 * 5 requests per connection; lanes keep kafkajs's request queue full instead of idling between acks.
 */
const LANES = 4;
/** Aggregates (keys) per lane: Bazaar records always carry the aggregate id as key. */
const KEYS_PER_LANE = 50;

/**
 * Both sides run with acks=all and an idempotent producer and otherwise their own defaults: Kafka's tool with
 * the Java client's (linger.ms=5, batch.size=16 KiB, 5 requests in flight, no compression), Bazaar with the
 * settings every service uses (createPublisher: 1 request in flight, batches of BATCH_SIZE records, no
 * compression). Bazaar's records also carry keys and the CloudEvents + trace headers; the tool's carry neither:
 * that cost is part of what is measured.
 */
const SUMMARY = /^(\d+) records sent, ([\d.]+) records\/sec .*50th/m;

/** Runs Kafka's producer perf tool; its own rate, so JVM start-up and JIT warm-up of the launch are not counted. */
function producerPerformance(classpath: string, brokers: string, topic: string, ops: number): Promise<number> {
  const args = [
    '-Xms128m',
    '-Xmx512m',
    'org.apache.kafka.tools.ProducerPerformance',
    ...['--num-records', String(ops), '--record-size', String(RECORD_SIZE), '--throughput', '-1', '--topic', topic],
    ...['--command-property', `bootstrap.servers=${brokers}`, 'acks=all', 'enable.idempotence=true'],
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { env: { ...process.env, CLASSPATH: classpath }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
    child.once('error', reject);
    child.once('close', (code) => {
      const summary = SUMMARY.exec(stdout);
      if (code === 0 && summary && Number(summary[1]) === ops) return resolve(Number(summary[2]));
      reject(new Error(`ProducerPerformance exited ${code} without a summary of ${ops} records:\n${stdout.slice(-2_000)}\n${stderr}`));
    });
  });
}

function topicSpec(name: string): TopicSpec {
  return { name, messageTypes: [], partitions: 3, retentionMs: 3_600_000, consumerGroups: [], dlq: `${name}.dlq` };
}

export const kafkaProduceScenario: Scenario = {
  name: 'kafka-produce',
  description: `${RECORD_SIZE}-byte records, acks=all, idempotent, to a 3-partition topic: Bazaar's publisher vs Kafka's Java perf tool`,
  baselineLabel: 'Kafka ProducerPerformance (Java client)',
  candidateLabel: `@bazaar/messaging publishRecords (${LANES} lanes × ${BATCH_SIZE}-record batches)`,
  // ~4 s per side on the idle 2-core machine (~23 000-28 000 records/s), up to ~10 s when it is shared.
  opsPerRound: 100_000,
  target: {
    minRatio: 0.4,
    why: 'measured 0.55-0.86 (medians of 3-5 rounds; Java 38 000-50 000/s on the 2-core machine): ~70% of the lowest',
  },
  async prepare(environment) {
    const brokers = environment.kafkaBrokers;
    const { classpath } = await resolveKafka();
    const logger = createLogger({ service: 'bench', level: 'silent' });
    const connection = createKafkaConnection({ brokers: brokers.split(','), clientId: 'bench-kafka-produce', logger });
    const id = randomBytes(4).toString('hex');
    // One topic per side, so neither side's records sit in the other's partitions.
    const javaSpec = topicSpec(`bench.produce-java.${id}`);
    const bazaarSpec = topicSpec(`bench.produce-bazaar.${id}`);
    const specs = [javaSpec, bazaarSpec];
    await ensureTopics(connection, specs, { replicationFactor: 1 });
    const publisher = createPublisher(connection, { producer: 'bench', topicOf: () => bazaarSpec });
    await publisher.connect();

    // The tool's payload: random upper-case letters.
    const value = Uint8Array.from(randomBytes(RECORD_SIZE), (byte) => 65 + (byte % 26));
    const record = (lane: number, index: number): OutgoingRecord => ({
      topic: bazaarSpec.name,
      key: `aggregate-${lane}-${index % KEYS_PER_LANE}`,
      eventId: randomUUID(),
      type: 'bazaar.bench.v1.Produced',
      producer: 'bench',
      occurredAt: new Date(),
      value,
      traceContext: {},
    });

    const baseline: Workload = async (ops) => {
      const recordsPerSecond = await producerPerformance(classpath, brokers, javaSpec.name, ops);
      return { ops, seconds: ops / recordsPerSecond };
    };
    const candidate: Workload = async (ops) => {
      let next = 0;
      const lane = async (laneIndex: number): Promise<number> => {
        let sent = 0;
        while (next < ops) {
          const size = Math.min(BATCH_SIZE, ops - next);
          next += size;
          await publisher.publishRecords(Array.from({ length: size }, () => record(laneIndex, sent++)));
        }
        return sent;
      };
      const sent = await Promise.all(Array.from({ length: LANES }, (_, index) => lane(index)));
      return { ops: sent.reduce((sum, count) => sum + count, 0) };
    };

    return {
      baseline,
      candidate,
      close: async () => {
        await publisher.disconnect();
        // Deleted, so repeated runs do not fill the broker's disk (each round writes ops × 512 bytes per side).
        const admin = new Kafka({ clientId: 'bench-cleanup', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
        await admin.connect();
        try {
          await admin.deleteTopics({ topics: specs.flatMap((spec) => [spec.name, spec.dlq]) });
        } finally {
          await admin.disconnect();
        }
      },
    };
  },
};
