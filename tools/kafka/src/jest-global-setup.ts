import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setRunHandle } from './jest-run-handle.js';
import { startKafka } from './start-kafka.js';

/**
 * Jest globalSetup: uses KAFKA_BROKERS when set (e.g. under with-kafka), otherwise starts one
 * broker for this jest run. Test workers inherit KAFKA_BROKERS from this process's environment.
 */
export default async function kafkaGlobalSetup(): Promise<void> {
  if (process.env['KAFKA_BROKERS']) return;
  const dataDir = await mkdtemp(join(tmpdir(), 'kafka-jest-'));
  const kafka = await startKafka({ port: 0, dataDir });
  setRunHandle({ kafka, dataDir });
  process.env['KAFKA_BROKERS'] = kafka.brokers;
}
