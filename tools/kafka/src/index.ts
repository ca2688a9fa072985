export { KAFKA_VERSION } from './kafka-version.js';
export { startKafka, type LocalKafka, type StartKafkaOptions } from './start-kafka.js';
export { resolveKafka, type ResolvedKafka } from './resolve-classpath.js';
export { KafkaPrerequisiteError } from './prerequisites.js';
export { freePort, isPortFree } from './free-port.js';
