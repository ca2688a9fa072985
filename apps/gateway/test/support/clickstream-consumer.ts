import { messages, topics } from '@bazaar/contracts';
import { createConsumer, createKafkaConnection, ensureTopics, type EventConsumer, type IncomingEvent } from '@bazaar/messaging';
import { createLogger } from '@bazaar/observability';
import { waitFor } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';

export const kafkaBrokers = (): string => {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (the jest global setup starts a broker)');
  return brokers;
};

export interface ClickstreamReader {
  /** Every clickstream event seen since start, of any producer. */
  events: IncomingEvent<{ sessionId: string }>[];
  /** The events of one session, once `count` of them arrived. */
  forSession(sessionId: string, count: number): Promise<IncomingEvent<Record<string, unknown>>[]>;
  stop(): Promise<void>;
}

/**
 * Reads clickstream.v1 in a group of its own. Other suites publish
 * on the same broker, so callers pick their events by unique session ids.
 */
export async function readClickstream(): Promise<ClickstreamReader> {
  const connection = createKafkaConnection({ brokers: kafkaBrokers().split(','), clientId: 'gateway-test', logger: createLogger({ service: 'gateway-test', level: 'warn' }) });
  await ensureTopics(connection, [topics.clickstream], { replicationFactor: 1 });
  const events: IncomingEvent<{ sessionId: string }>[] = [];
  const consumer: EventConsumer = createConsumer(connection, {
    groupId: `gateway-test-${randomUUID()}`,
    topics: [topics.clickstream],
    fromBeginning: true, // "latest" is resolved some time after the join; history is filtered out by session id anyway
    lagIntervalMs: 0,
    maxWaitTimeMs: 200,
    logger: createLogger({ service: 'gateway-test', level: 'warn' }),
  });
  const collect = async (event: IncomingEvent<{ sessionId: string }>) => void events.push(event);
  consumer.on(messages.ProductViewed, collect).on(messages.ProductsSearched, collect).on(messages.ProductAddedToCart, collect).on(messages.CheckoutStarted, collect);
  const joined = new Promise<void>((resolve) => consumer.onGroupJoin(() => resolve()));
  await consumer.start();
  await joined;
  return {
    events,
    forSession: (sessionId, count) =>
      waitFor(
        async () => {
          const own = events.filter((e) => e.payload.sessionId === sessionId);
          return own.length >= count ? (own as unknown as IncomingEvent<Record<string, unknown>>[]) : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 100, what: `${count} clickstream events of session ${sessionId}` },
      ),
    stop: () => consumer.stop(),
  };
}
