import { preset } from '../../jest.preset.js';

// The smoke test runs each scenario tiny, against the run's one Kafka broker (unless KAFKA_BROKERS is set).
export default {
  ...preset,
  displayName: 'bench',
  globalSetup: '@bazaar/kafka-local/jest-global-setup',
  globalTeardown: '@bazaar/kafka-local/jest-global-teardown',
};
