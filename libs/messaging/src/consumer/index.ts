export { createConsumer, type EventConsumer, type EventConsumerOptions } from './consumer.js';
export { ConsumerStoppingError, type Registration } from './process-record.js';
export type { BackoffOptions } from './backoff.js';
