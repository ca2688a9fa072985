import type { Database } from '@bazaar/persistence';
import type { Logger } from '@bazaar/observability';
import type { OrdersDatabase } from '../db/schema.js';
import type { SagaEngine } from './saga-engine.js';
import { recordSagaEnd } from './saga-metrics.js';
import { inStoredTrace } from './saga-tracing.js';

export interface TimeoutSweeper {
  /** One pass: compensates every order whose step deadline has passed; returns how many it handled. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

const BATCH = 50;

/**
 * Finds saga steps past their deadline and times them out. Runs at start (so a restarted process
 * compensates what became overdue while it was down) and then every `intervalMs`. Each order is
 * handled in its own transaction under the row lock; the engine rechecks the step, so a reply that
 * won the race is never overridden.
 */
export function startTimeoutSweeper(options: {
  database: Database<OrdersDatabase>;
  engine: SagaEngine;
  intervalMs: number;
  logger: Logger;
}): TimeoutSweeper {
  const { database, engine, logger } = options;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function sweepOnce(): Promise<number> {
    const overdue = await database.db
      .selectFrom('orders')
      .select(['id', 'step', 'trace_context'])
      .where('step_deadline', '<=', new Date())
      .orderBy('step_deadline')
      .limit(BATCH)
      .execute();
    let handled = 0;
    for (const { id, step, trace_context } of overdue) {
      if (stopped || !step) break;
      const timeOut = async () => {
        const applied = await database.db.transaction().execute((trx) => engine.apply(trx, id, { kind: 'StepTimedOut', step }));
        // Committed; still in the checkout's trace, so the saga duration's exemplar points at it.
        recordSagaEnd(applied);
        return applied;
      };
      if (await inStoredTrace(trace_context, timeOut)) handled += 1;
    }
    if (handled > 0) logger.info({ handled }, 'timed out overdue saga steps');
    return handled;
  }

  const sweep = (): Promise<number> => {
    running ??= sweepOnce().finally(() => (running = undefined));
    return running;
  };

  const timer = setInterval(() => {
    sweep().catch((error: unknown) => logger.warn({ err: error }, 'saga timeout sweep failed; retrying next interval'));
  }, options.intervalMs);
  timer.unref();
  void sweep().catch((error: unknown) => logger.warn({ err: error }, 'saga timeout sweep failed; retrying next interval'));

  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
