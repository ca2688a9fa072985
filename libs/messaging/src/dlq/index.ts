export { DLQ_HEADERS } from './headers.js';
export { DLQ_REPLAY_GROUP, dlqTopicOf, replayDlq, type ReplayDlqOptions } from './replay.js';
export { listDlq, type DeadLetterSummary } from './list.js';
