import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, z } from '@bazaar/config';
import { createLogger } from '@bazaar/observability';
import { logLevel } from 'kafkajs';
import { kafkaAuthRules, kafkaConfig, kafkaConfigSchema, kafkaSettings } from './config.js';
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

  it('rejects half-configured SASL at config load, naming the missing variable', () => {
    const load = () => loadConfig('svc', kafkaConfig, { KAFKA_BROKERS: 'h:1', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: 'x' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/KAFKA_SASL_USERNAME: expected a value: SASL needs KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD together \(not set\)/);
    expect(load).not.toThrow(/- KAFKA_SASL_PASSWORD:/);
  });

  it('applies the same rules to a service schema built from the variables, and in kafkaSettings for one that skipped them', () => {
    const serviceSchema = z.object({ ...kafkaConfigSchema, GRPC_PORT: z.string().optional() }).superRefine(kafkaAuthRules);
    expect(() => loadConfig('orders', serviceSchema, { KAFKA_BROKERS: 'h:1', KAFKA_SASL_USERNAME: 'orders' })).toThrow(
      /Invalid configuration for orders:\n {2}- KAFKA_SASL_MECHANISM: .*\n {2}- KAFKA_SASL_PASSWORD: /,
    );
    const unchecked = loadConfig('svc', z.object(kafkaConfigSchema), { KAFKA_BROKERS: 'h:1', KAFKA_SASL_MECHANISM: 'aws-msk-iam' });
    expect(() => kafkaSettings(unchecked)).toThrow(ConfigError);
  });

  it('maps MSK IAM auth (TLS + region), and signs its OAUTHBEARER token from the AWS credential chain offline', async () => {
    const env = { KAFKA_BROKERS: 'b-1.msk:9098', KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'aws-msk-iam', AWS_REGION: 'eu-west-1' };
    const settings = kafkaSettings(loadConfig('svc', kafkaConfig, env));
    expect(settings).toEqual({ brokers: ['b-1.msk:9098'], ssl: true, awsIam: { region: 'eu-west-1' } });
    expect(() => loadConfig('svc', kafkaConfig, { ...env, AWS_REGION: undefined })).toThrow(/AWS_REGION: expected the AWS region of the MSK cluster/);
    expect(() => loadConfig('svc', kafkaConfig, { ...env, KAFKA_SSL: 'false' })).toThrow(/KAFKA_SSL: expected true: IAM authentication needs TLS/);
    expect(() => loadConfig('svc', kafkaConfig, { ...env, AWS_REGION: 'Europe' })).toThrow(/AWS_REGION/);

    // The signer presigns locally: with static credentials no AWS endpoint is called.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' });
    try {
      const { generateAuthToken } = await import('aws-msk-iam-sasl-signer-js');
      const { token } = await generateAuthToken({ region: 'eu-west-1' });
      expect(Buffer.from(token, 'base64url').toString()).toMatch(/^https:\/\/kafka\.eu-west-1\.amazonaws\.com\/\?Action=kafka-cluster%3AConnect/);
    } finally {
      delete process.env['AWS_ACCESS_KEY_ID'];
      delete process.env['AWS_SECRET_ACCESS_KEY'];
    }
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
