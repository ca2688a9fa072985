import { preset } from '../../jest.preset.js';

// The saga services need Kafka: one broker per run unless KAFKA_BROKERS is set (npm test sets it).
export default {
  ...preset,
  displayName: 'e2e',
  testTimeout: 120_000,
  globalSetup: '@bazaar/kafka-local/jest-global-setup',
  globalTeardown: '@bazaar/kafka-local/jest-global-teardown',
};
