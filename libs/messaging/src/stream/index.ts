export {
  createTransactionalStreamConsumer,
  type StreamBatch,
  type StreamEvent,
  type TransactionalStreamConsumer,
  type TransactionalStreamConsumerOptions,
} from './stream-consumer.js';
export { MAX_EVENT_ID_LENGTH, type EventValidator } from './decode.js';
export { streamOffsetsMigration, streamOffsetsMigrations } from './migrations.js';
export { readPositions, type PartitionPosition } from './offset-store.js';
