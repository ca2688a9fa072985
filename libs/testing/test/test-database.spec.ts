import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase } from '../src/index.js';

describe('createTestDatabase', () => {
  it('creates a usable database and drops it even with open connections', async () => {
    const database = await createTestDatabase({ prefix: 'testing_lib' });
    expect(database.name).toMatch(/^testing_lib_/);
    const client = new pg.Client({ connectionString: database.url });
    client.on('error', () => undefined); // the forced drop ends this connection
    await client.connect();
    const { rows } = await client.query<{ db: string }>('select current_database() as db');
    expect(rows[0]!.db).toBe(database.name);

    await database.drop();
    const admin = new pg.Client({ connectionString: process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    const left = await admin.query('select 1 from pg_database where datname = $1', [database.name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
    await client.end().catch(() => undefined);
  });

  it('rejects a prefix that is not a safe identifier', async () => {
    await expect(createTestDatabase({ prefix: 'x"; drop' })).rejects.toThrow(/prefix/);
  });
});
