import { afterEach, describe, expect, it } from '@jest/globals';
import kafkaGlobalSetup from './jest-global-setup.js';
import kafkaGlobalTeardown from './jest-global-teardown.js';
import { takeRunHandle } from './jest-run-handle.js';

describe('jest global setup/teardown with KAFKA_BROKERS already set', () => {
  const before = process.env['KAFKA_BROKERS'];
  afterEach(() => {
    if (before === undefined) delete process.env['KAFKA_BROKERS'];
    else process.env['KAFKA_BROKERS'] = before;
  });

  it('uses the given broker and starts none', async () => {
    process.env['KAFKA_BROKERS'] = '10.0.0.1:9092';
    await kafkaGlobalSetup();
    expect(takeRunHandle()).toBeUndefined();
    await kafkaGlobalTeardown();
    expect(process.env['KAFKA_BROKERS']).toBe('10.0.0.1:9092');
  });
});
