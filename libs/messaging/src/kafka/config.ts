import { envVars, z } from '@bazaar/config';

const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain', 'aws-msk-iam'] as const;
export type SaslMechanism = Exclude<(typeof SASL_MECHANISMS)[number], 'aws-msk-iam'>;

const brokerList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker !== ''),
  )
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/)).min(1))
  .describe('a comma-separated list of Kafka bootstrap brokers as host:port, e.g. b-1.msk:9096,b-2.msk:9096');

/**
 * Environment variables of a Kafka client, to spread into a service's config
 * schema: `z.object({ ...kafkaConfigSchema, ...mine })`. SASL is all-or-nothing
 * (MSK SCRAM: mechanism, username and password together); see kafkaSettings.
 */
export const kafkaConfigSchema = {
  KAFKA_BROKERS: brokerList,
  KAFKA_SSL: envVars.flag(false, 'connect to the brokers over TLS (true on MSK)'),
  KAFKA_SASL_MECHANISM: z
    .enum(SASL_MECHANISMS)
    .optional()
    .describe(`SASL mechanism: one of ${SASL_MECHANISMS.join(', ')}, or unset for no SASL`),
  KAFKA_SASL_USERNAME: z.string().min(1).optional().describe('SASL username (with KAFKA_SASL_MECHANISM)'),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional().describe('SASL password (with KAFKA_SASL_MECHANISM)'),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
    .optional()
    .describe('the AWS region of the MSK cluster, e.g. eu-west-1 (with KAFKA_SASL_MECHANISM=aws-msk-iam)'),
};

export const kafkaConfig = z.object(kafkaConfigSchema);
export type KafkaConfig = z.infer<typeof kafkaConfig>;

export interface KafkaSettings {
  brokers: string[];
  ssl?: boolean;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** MSK IAM: SASL/OAUTHBEARER with a SigV4-signed token from the pod's AWS credentials (IRSA / Pod Identity). */
  awsIam?: { region: string };
}

/** Turns parsed env config into connection settings; a half-configured SASL setup is an error naming the missing variable. */
export function kafkaSettings(config: KafkaConfig): KafkaSettings {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = config;
  const settings: KafkaSettings = { brokers: config.KAFKA_BROKERS, ssl: config.KAFKA_SSL };
  if (mechanism === 'aws-msk-iam') {
    if (!config.AWS_REGION) throw new Error('Incomplete Kafka IAM configuration: also set AWS_REGION');
    if (!config.KAFKA_SSL) throw new Error('Kafka IAM authentication needs TLS: set KAFKA_SSL=true');
    return { ...settings, awsIam: { region: config.AWS_REGION } };
  }
  if (mechanism === undefined && username === undefined && password === undefined) return settings;
  const missing = [
    mechanism === undefined && 'KAFKA_SASL_MECHANISM',
    username === undefined && 'KAFKA_SASL_USERNAME',
    password === undefined && 'KAFKA_SASL_PASSWORD',
  ].filter((name): name is string => typeof name === 'string');
  if (missing.length > 0 || !mechanism || !username || !password) {
    throw new Error(`Incomplete Kafka SASL configuration: also set ${missing.join(', ')}`);
  }
  return { ...settings, sasl: { mechanism, username, password } };
}
