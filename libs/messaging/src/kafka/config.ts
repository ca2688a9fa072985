import { ConfigError, envVars, z, type ConfigIssue } from '@bazaar/config';

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

const kafkaVariables = z.object(kafkaConfigSchema);
type KafkaAuthVariables = Pick<z.infer<typeof kafkaVariables>, 'KAFKA_SSL' | 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD' | 'AWS_REGION'>;

const SASL_VARIABLES = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;

/** What the Kafka auth variables need of each other: IAM needs TLS and a region; SASL is all-or-nothing. */
function kafkaAuthIssues(config: KafkaAuthVariables): ConfigIssue[] {
  if (config.KAFKA_SASL_MECHANISM === 'aws-msk-iam') {
    return [
      ...(config.AWS_REGION ? [] : [{ variable: 'AWS_REGION', expected: 'the AWS region of the MSK cluster, e.g. eu-west-1 (KAFKA_SASL_MECHANISM=aws-msk-iam signs with it)' }]),
      ...(config.KAFKA_SSL ? [] : [{ variable: 'KAFKA_SSL', expected: 'true: IAM authentication needs TLS (set KAFKA_SSL=true)', received: 'false' }]),
    ];
  }
  const unset = SASL_VARIABLES.filter((name) => config[name] === undefined);
  if (unset.length === 0 || unset.length === SASL_VARIABLES.length) return [];
  return unset.map((variable) => ({ variable, expected: `a value: SASL needs ${SASL_VARIABLES.join(', ')} together` }));
}

/**
 * The cross-variable rules, for a service's config schema: `z.object({ ...messagingConfigSchema, ... }).superRefine(kafkaAuthRules)`,
 * so a half-configured setup stops the service at config load, naming each variable, like any other bad value.
 */
export function kafkaAuthRules(config: KafkaAuthVariables, ctx: z.RefinementCtx): void {
  for (const issue of kafkaAuthIssues(config)) ctx.addIssue({ code: 'custom', path: [issue.variable], message: issue.expected });
}

export const kafkaConfig = kafkaVariables.superRefine(kafkaAuthRules);
export type KafkaConfig = z.infer<typeof kafkaConfig>;

export interface KafkaSettings {
  brokers: string[];
  ssl?: boolean;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** MSK IAM: SASL/OAUTHBEARER with a SigV4-signed token from the pod's AWS credentials (IRSA / Pod Identity). */
  awsIam?: { region: string };
}

/** Turns parsed env config into connection settings; a config that skipped kafkaAuthRules still fails here with a ConfigError. */
export function kafkaSettings(config: KafkaConfig): KafkaSettings {
  const issues = kafkaAuthIssues(config);
  if (issues.length > 0) throw new ConfigError('kafka', issues);
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = config;
  const settings: KafkaSettings = { brokers: config.KAFKA_BROKERS, ssl: config.KAFKA_SSL };
  if (mechanism === 'aws-msk-iam') return { ...settings, awsIam: { region: config.AWS_REGION ?? '' } };
  if (!mechanism || !username || !password) return settings;
  return { ...settings, sasl: { mechanism, username, password } };
}
