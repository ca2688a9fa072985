import { preset } from '../../jest.preset.js';

// The clickstream tests publish to a real Kafka broker: one per jest run (unless KAFKA_BROKERS is set).
export default {
  ...preset,
  displayName: 'gateway',
  globalSetup: '@bazaar/kafka-local/jest-global-setup',
  globalTeardown: '@bazaar/kafka-local/jest-global-teardown',
};
