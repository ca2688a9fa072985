export * from './types.js';
export * from './outbox/index.js';
export * from './inbox/index.js';
export * from './kafka/index.js';
export * from './consumer/index.js';
export * from './dlq/index.js';
export * from './runtime/index.js';
export * from './stream/index.js';
