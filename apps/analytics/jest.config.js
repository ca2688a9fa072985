import { preset } from '../../jest.preset.js';

// One real Kafka broker per jest run (unless KAFKA_BROKERS is set).
export default {
  ...preset,
  displayName: 'analytics',
  globalSetup: '@bazaar/kafka-local/jest-global-setup',
  globalTeardown: '@bazaar/kafka-local/jest-global-teardown',
};
