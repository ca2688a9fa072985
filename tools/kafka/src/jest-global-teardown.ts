import { rm } from 'node:fs/promises';
import { takeRunHandle } from './jest-run-handle.js';

/** Jest globalTeardown: stops the broker that globalSetup started, if it started one. */
export default async function kafkaGlobalTeardown(): Promise<void> {
  const handle = takeRunHandle();
  if (!handle) return;
  try {
    await handle.kafka.stop();
  } finally {
    delete process.env['KAFKA_BROKERS'];
    await rm(handle.dataDir, { recursive: true, force: true });
  }
}
