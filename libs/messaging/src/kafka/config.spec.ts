import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@bazaar/config';
import { createLogger } from '@bazaar/observability';
import { logLevel } from 'kafkajs';
import { kafkaConfig, kafkaSettings } from './config.js';
import { pinoLogCreator } from './log-creator.js';

describe('kafka config', () => {
  it('parses a broker list, TLS and MSK SCRAM credentials', () => {
    const config = loadConfig('svc', kafkaConfig, {
      KAFKA_BROKERS: 'b-1.msk:9096, b-2.msk:9096',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'orders',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(kafkaSettings(config)).toEqual({
      brokers: ['b-1.msk:9096', 'b-2.msk:9096'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'orders', password: 's3cret' },
    });
  });

  it('needs no SASL locally', () => {
    expect(kafkaSettings(loadConfig('svc', kafkaConfig, { KAFKA_BROKERS: '127.0.0.1:9092' }))).toEqual({
      brokers: ['127.0.0.1:9092'],
      ssl: false,
    });
  });

  it('rejects bad brokers and mechanisms, naming the variable, never echoing the password', () => {
    let error: unknown;
    try {
      loadConfig('svc', kafkaConfig, { KAFKA_BROKERS: 'no-port', KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_PASSWORD: 'hunter2' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('KAFKA_BROKERS');
    expect(message).toContain('KAFKA_SASL_MECHANISM');
    expect(message).not.toContain('hunter2');
  });

  it('rejects half-configured SASL', () => {
    const config = loadConfig('svc', kafkaConfig, { KAFKA_BROKERS: 'h:1', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: 'x' });
    expect(() => kafkaSettings(config)).toThrow('KAFKA_SASL_USERNAME');
  });
});

describe('kafkajs log routing', () => {
  it('writes kafkajs entries through pino without credential fields', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pinoLogCreator(createLogger({ service: 'svc', level: 'info', destination }))(logLevel.INFO);
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { timestamp: 'now', message: 'auth failed', broker: 'b-1:9096', sasl: { password: 'hunter2' }, password: 'hunter2' },
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', msg: 'auth failed', namespace: 'Connection', broker: 'b-1:9096', component: 'kafkajs' });
    expect(lines[0]).not.toContain('hunter2');
  });
});
