export { processOnce, idempotentHandler, pruneInbox, type ProcessOutcome, type IdempotentEffect } from './process-once.js';
