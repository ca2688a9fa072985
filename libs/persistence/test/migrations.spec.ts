import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '@bazaar/testing';
import { MigrationError, openDatabase, sql, type Kysely, type Migration } from '../src/index.js';
import { recordingLogger, targets, type Target } from './targets.js';

const createProducts: Migration = {
  up: async (db: Kysely<unknown>) => {
    await db.schema
      .createTable('products')
      .addColumn('id', 'bigserial', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .execute();
  },
};
const addPrice: Migration = {
  up: async (db: Kysely<unknown>) => {
    await db.schema.alterTable('products').addColumn('price_cents', 'int8', (col) => col.notNull().defaultTo(0)).execute();
  },
};
const broken: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`alter table no_such_table add column x int`.execute(db);
  },
};

describe.each(targets)('migrations on %s', (_label, makeTarget) => {
  let target: Target;
  beforeAll(() => {
    target = makeTarget();
  });
  afterAll(async () => {
    await target.cleanup();
  });

  it('applies pending migrations once, in name order, and records them', async () => {
    const location = await target.fresh(true);
    const first = recordingLogger();
    // Declared out of order on purpose: names decide the order.
    const database = await openDatabase({ service: 'catalog', ...location, logger: first, migrations: { '0002_add_price': addPrice, '0001_create_products': createProducts } });
    expect(database.driver).toBe(target.driver);
    expect(first.applied()).toEqual(['0001_create_products', '0002_add_price']);
    await database.close();
    await database.close();

    const second = recordingLogger();
    const reopened = await openDatabase({ service: 'catalog', ...location, logger: second, migrations: { '0001_create_products': createProducts, '0002_add_price': addPrice } });
    expect(second.applied()).toEqual([]);
    const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(reopened.db);
    expect(recorded.rows.map((row) => row.name)).toEqual(['0001_create_products', '0002_add_price']);
    await reopened.ping();
    await reopened.close();
  });

  it('rejects with the failing migration name and keeps nothing from that run', async () => {
    const location = await target.fresh(true);
    const attempt = openDatabase({ service: 'catalog', ...location, migrations: { '0001_create_products': createProducts, '0002_broken': broken } });
    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(/catalog: migration "0002_broken" failed: .*no_such_table/);
    await expect(attempt).rejects.toMatchObject({ migrationName: '0002_broken' });

    const logger = recordingLogger();
    const database = await openDatabase({ service: 'catalog', ...location, logger, migrations: { '0001_create_products': createProducts } });
    expect(logger.applied()).toEqual(['0001_create_products']);
    await database.close();
  });
});

describe('PostgreSQL specifics', () => {
  const target = targets.find(([label]) => label === 'PostgreSQL')![1]();
  afterAll(async () => {
    await target.cleanup();
  });

  it('applies each migration once when two processes start at once', async () => {
    const location = await target.fresh();
    const loggers = [recordingLogger(), recordingLogger()];
    const migrations = { '0001_create_products': createProducts, '0002_add_price': addPrice };
    const databases = await Promise.all(loggers.map((logger) => openDatabase({ service: 'catalog', ...location, logger, migrations })));
    expect(loggers.flatMap((logger) => logger.applied()).sort()).toEqual(['0001_create_products', '0002_add_price']);
    await Promise.all(databases.map((database) => database.close()));
  });

  it('connects as the service with a statement timeout', async () => {
    const location = await target.fresh();
    const database = await openDatabase({ service: 'orders', ...location, migrations: {}, statementTimeoutMs: 300 });
    const { rows } = await sql<{ app: string; timeout: string }>`
      select current_setting('application_name') as app, current_setting('statement_timeout') as timeout`.execute(database.db);
    expect(rows[0]).toEqual({ app: 'orders', timeout: '300ms' });
    await expect(sql`select pg_sleep(5)`.execute(database.db)).rejects.toThrow(/statement timeout/);
    await database.close();
  });

  it('reports an unreachable server without leaking the password', async () => {
    const port = await freePort();
    const attempt = openDatabase({ service: 'orders', databaseUrl: `postgres://app:s3cret@127.0.0.1:${port}/orders`, migrations: {} });
    await expect(attempt).rejects.toThrow(`orders: cannot open PostgreSQL at 127.0.0.1:${port}/orders`);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });
});
