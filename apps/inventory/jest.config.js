import { preset } from '../../jest.preset.js';

// One real Kafka broker per jest run (unless KAFKA_BROKERS is set), as the messaging lib's tests use.
export default {
  ...preset,
  displayName: 'inventory',
  globalSetup: '@bazaar/kafka-local/jest-global-setup',
  globalTeardown: '@bazaar/kafka-local/jest-global-teardown',
};
