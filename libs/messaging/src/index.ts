export * from './types.js';
export * from './kafka/index.js';
