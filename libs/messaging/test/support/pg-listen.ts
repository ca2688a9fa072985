import pg from 'pg';
import type { ListenFn } from '../../src/index.js';

/**
 * LISTEN on a dedicated PostgreSQL connection. Temporary: @bazaar/persistence's Database should offer
 * `listen(channel, onNotify)` (pg client on PostgreSQL, pglite.listen on PGlite); the relay then uses it by default.
 */
export function pgListen(url: string): ListenFn {
  return async (channel, onNotify) => {
    const client = new pg.Client({ connectionString: url, application_name: 'messaging-test-listen' });
    client.on('error', () => undefined);
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    await client.query(`listen ${client.escapeIdentifier(channel)}`);
    return () => client.end();
  };
}
