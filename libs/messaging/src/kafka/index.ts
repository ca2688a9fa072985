export { kafkaAuthRules, kafkaConfig, kafkaConfigSchema, kafkaSettings, type KafkaConfig, type KafkaSettings, type SaslMechanism } from './config.js';
export { createKafkaConnection, type KafkaConnection, type KafkaConnectionOptions } from './connection.js';
export { ensureTopics, type EnsureTopicsOptions, type EnsureTopicsResult } from './ensure-topics.js';
export { createPublisher, type Publisher, type PublisherOptions, type PublishOptions } from './publisher.js';
export { buildRecord, type BuildRecordInput } from './record.js';
export { CLOUDEVENTS_SPEC_VERSION } from './headers.js';
