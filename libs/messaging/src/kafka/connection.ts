import type { Logger } from '@bazaar/observability';
import { Kafka, type KafkaConfig as KafkaJsConfig } from 'kafkajs';
import type { SaslMechanism } from './config.js';
import { kafkaLogLevel, pinoLogCreator } from './log-creator.js';

export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** MSK IAM auth (OAUTHBEARER, token signed with the ambient AWS credentials). */
  awsIam?: { region: string };
  logger: Logger;
  /** Per-request timeout (ms); kafkajs default 30 000. */
  requestTimeoutMs?: number;
}

/**
 * A configured (not yet connected) Kafka client. Producers, consumers and
 * admin clients are created from it by this package; the client library
 * itself never leaks past src/kafka and src/consumer.
 */
export interface KafkaConnection {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly logger: Logger;
}

// The client stays out of the public type so it can be swapped in one place.
const clients = new WeakMap<KafkaConnection, Kafka>();

/** The underlying client of a connection: for src/kafka and src/consumer only. */
export function clientOf(connection: KafkaConnection): Kafka {
  const client = clients.get(connection);
  if (!client) throw new Error('Not a connection made by createKafkaConnection');
  return client;
}

export function createKafkaConnection(options: KafkaConnectionOptions): KafkaConnection {
  if (options.brokers.length === 0) throw new Error('createKafkaConnection: at least one broker is required');
  const config: KafkaJsConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: options.ssl ?? false,
    logLevel: kafkaLogLevel(options.logger),
    logCreator: pinoLogCreator(options.logger),
    // Connection-level retries (metadata, reconnects) must outlast a broker restart — a rolling
    // MSK patch or a local broker restart takes tens of seconds — or callers see a non-retriable
    // "connection refused" although the cluster is coming back. About a minute in total.
    retry: { retries: 15, initialRetryTime: 300, maxRetryTime: 5_000 },
    ...(options.requestTimeoutMs ? { requestTimeout: options.requestTimeoutMs } : {}),
  };
  if (options.sasl) {
    const { mechanism, username, password } = options.sasl;
    // Narrowed per mechanism: kafkajs types SASL options as a discriminated union.
    config.sasl =
      mechanism === 'plain'
        ? { mechanism, username, password }
        : mechanism === 'scram-sha-256'
          ? { mechanism, username, password }
          : { mechanism, username, password };
  }
  if (options.awsIam) {
    const { region } = options.awsIam;
    // Loaded only on MSK: the signer brings the AWS SDK's credential chain with it.
    config.sasl = {
      mechanism: 'oauthbearer',
      oauthBearerProvider: async () => {
        const { generateAuthToken } = await import('aws-msk-iam-sasl-signer-js');
        const { token } = await generateAuthToken({ region });
        return { value: token };
      },
    };
  }
  const connection: KafkaConnection = Object.freeze({
    clientId: options.clientId,
    brokers: Object.freeze([...options.brokers]),
    logger: options.logger,
  });
  clients.set(connection, new Kafka(config));
  return connection;
}
