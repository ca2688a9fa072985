import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { PersistenceLogger } from './logger.js';

/** Subscribes to a NOTIFY channel; resolves to the function that unsubscribes. */
export type ListenFn = (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`invalid NOTIFY channel "${channel}": lower-case letters, digits and _ only`);
}

/** PGlite delivers NOTIFY in-process. */
export function pgliteListen(instance: () => Promise<PGlite>): ListenFn {
  return async (channel, onNotify) => {
    checkChannel(channel);
    return (await instance()).listen(channel, () => onNotify());
  };
}

/**
 * On PostgreSQL, LISTEN needs a connection of its own, outside the pool. A
 * dropped connection is re-established (after a second) so notifications
 * resume; callers keep polling as a fallback, so a gap only costs latency.
 */
export function postgresListen(options: { databaseUrl: string; service: string; logger: PersistenceLogger }): ListenFn {
  return async (channel, onNotify) => {
    checkChannel(channel);
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;

    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: options.databaseUrl, application_name: `${options.service}-listen` });
      next.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      next.on('error', (error) => {
        options.logger.error({ service: options.service, err: { message: error.message } }, 'LISTEN connection failed; reconnecting');
        scheduleReconnect();
      });
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
      client = next;
    };
    const scheduleReconnect = (): void => {
      if (stopped || retry) return;
      const broken = client;
      client = undefined;
      void broken?.end().catch(() => undefined);
      retry = setTimeout(() => {
        retry = undefined;
        connect().catch(() => scheduleReconnect());
      }, 1_000);
      retry.unref();
    };

    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  };
}
