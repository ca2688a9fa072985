export { outboxMigration, inboxMigration, messagingMigrations, outboxMigrations, inboxMigrations } from './migrations.js';
export { enqueueEvent, createOutbox, type EnqueueOptions, type Outbox, type OutboxOptions } from './enqueue.js';
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type ListenFn, type RelayLogger } from './relay.js';
export { monitorOutbox } from './metrics.js';
export { pruneOutbox } from './prune.js';
export { OUTBOX_CHANNEL } from './tables.js';
export type { AnyDatabase, AnyKysely, AnyTransaction } from './tables.js';
