// The built service in a child process, on test topics, so a test can SIGKILL it mid-stream.
// Plain JS on dist/ (the test target builds the app first): a child process cannot load the TypeScript sources.
import 'reflect-metadata';
import { topics } from '@bazaar/contracts';
import { createLogger } from '@bazaar/observability';
import { startAnalyticsService } from '../../dist/analytics-service.js';
import { analyticsConfigSchema } from '../../dist/config.js';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const copy = (spec, name) => ({ ...spec, name, dlq: `${name}.dlq` });

const config = analyticsConfigSchema.parse(process.env);
const logger = createLogger({ service: 'analytics-child', level: 'warn' });
const pauseAfterCommitMs = Number(process.env['TEST_PAUSE_AFTER_COMMIT_MS'] ?? '0');
await startAnalyticsService(config, logger, {
  topics: { clickstream: copy(topics.clickstream, env('TEST_CLICKSTREAM_TOPIC')), ordersEvents: copy(topics.ordersEvents, env('TEST_ORDERS_TOPIC')) },
  consumer: env('TEST_CONSUMER'),
  sessionTimeoutMs: 6_000,
  // Small batches, each followed by a pause: many commits, so a SIGKILL lands between a commit and the next fetch.
  maxBatchBytes: 4_096,
  afterCommit: () => new Promise((resolve) => setTimeout(resolve, pauseAfterCommitMs)),
});
console.log('analytics child consuming');
