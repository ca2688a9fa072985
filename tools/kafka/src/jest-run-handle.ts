import type { LocalKafka } from './start-kafka.js';

interface RunHandle {
  kafka: LocalKafka;
  dataDir: string;
}

// Jest loads globalSetup and globalTeardown as separate modules; globalThis is what they share.
const KEY = Symbol.for('@bazaar/kafka-local/jest-run');
const registry = globalThis as { [KEY]?: RunHandle };

export function setRunHandle(handle: RunHandle): void {
  registry[KEY] = handle;
}

export function takeRunHandle(): RunHandle | undefined {
  const handle = registry[KEY];
  delete registry[KEY];
  return handle;
}
