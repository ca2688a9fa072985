import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase, sql, type Database, type Generated, type Kysely, type Migration } from '../src/index.js';
import { targets, type Target } from './targets.js';

interface Schema {
  counters: { id: string; value: number };
  ledger: { id: Generated<number>; amount_cents: number; rate: string };
  products: { id: Generated<number>; title: string; description: string };
}

const schema: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`create table counters (id text primary key, value int4 not null)`.execute(db);
    await sql`create table ledger (id bigserial primary key, amount_cents int8 not null, rate numeric(10, 4) not null)`.execute(db);
    await sql`
      create table products (
        id bigserial primary key,
        title text not null,
        description text not null,
        search tsvector generated always as (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
        ) stored
      )`.execute(db);
    await sql`create index products_search on products using gin (search)`.execute(db);
  },
};

describe.each(targets)('queries on %s', (_label, makeTarget) => {
  let target: Target;
  let database: Database<Schema>;
  beforeAll(async () => {
    target = makeTarget();
    database = await openDatabase<Schema>({ service: 'catalog', ...(await target.fresh()), migrations: { '0001_schema': schema } });
  });
  afterAll(async () => {
    await database?.close();
    await target.cleanup();
  });

  it('rolls back a transaction that throws', async () => {
    const failing = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('counters').values({ id: 'rolled-back', value: 1 }).execute();
      throw new Error('payment declined');
    });
    await expect(failing).rejects.toThrow('payment declined');
    const rows = await database.db.selectFrom('counters').selectAll().where('id', '=', 'rolled-back').execute();
    expect(rows).toEqual([]);
  });

  it('runs concurrent transactions without losing updates', async () => {
    await database.db.insertInto('counters').values({ id: 'stock', value: 0 }).execute();
    const increment = () =>
      database.db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('counters').select('value').where('id', '=', 'stock').forUpdate().executeTakeFirstOrThrow();
        await sleep(5); // give another transaction the chance to interleave
        await trx.updateTable('counters').set({ value: row.value + 1 }).where('id', '=', 'stock').execute();
      });
    await Promise.all(Array.from({ length: 5 }, increment));
    const { value } = await database.db.selectFrom('counters').select('value').where('id', '=', 'stock').executeTakeFirstOrThrow();
    expect(value).toBe(5);
  });

  it('keeps a concurrent query out of an open transaction', async () => {
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const transaction = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('counters').values({ id: 'pending', value: 1 }).execute();
      inside();
      await sleep(20);
      throw new Error('abandon');
    });
    await started;
    // On PGlite this waits for the transaction to end; had it run inside it, it would see the row.
    const seen = await database.db.selectFrom('counters').select('id').where('id', '=', 'pending').execute();
    await expect(transaction).rejects.toThrow('abandon');
    expect(seen).toEqual([]);
  });

  it('returns int8 as number and numeric as string', async () => {
    await database.db.insertInto('ledger').values({ amount_cents: 9_007_199_254_740_991, rate: '1.2500' }).execute();
    const row = await database.db.selectFrom('ledger').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 1, amount_cents: Number.MAX_SAFE_INTEGER, rate: '1.2500' });
    const { rows } = await sql<{ n: unknown; total: unknown }>`select count(*) as n, sum(value) as total from counters`.execute(database.db);
    expect(typeof rows[0]!.n).toBe('number');
    expect(typeof rows[0]!.total).toBe('number');
  });

  it('refuses int8 values beyond exact JS numbers instead of rounding', async () => {
    await expect(sql`select 9007199254740993::int8 as big`.execute(database.db)).rejects.toThrow(/outside the exact JS number range/);
    await database.ping();
  });

  it('supports full-text search with websearch_to_tsquery', async () => {
    await database.db
      .insertInto('products')
      .values([
        { title: 'Trail running shoes', description: 'Lightweight shoes for muddy trails' },
        { title: 'Leather boots', description: 'Waterproof boots, not for running' },
        { title: 'Coffee mug', description: 'Ceramic, 350 ml' },
      ])
      .execute();
    const query = sql`websearch_to_tsquery('english', ${'running shoes -mug'})`;
    const hits = await database.db
      .selectFrom('products')
      .select(['title', sql<number>`ts_rank(search, ${query})`.as('rank')])
      .where(sql<boolean>`search @@ ${query}`)
      .orderBy('rank', 'desc')
      .execute();
    expect(hits.map((hit) => hit.title)).toEqual(['Trail running shoes']);
  });

  it('delivers NOTIFY to a listener on commit only, and stops after unlisten', async () => {
    const received: string[] = [];
    const unlisten = await database.listen('test_wakeup', () => received.push('notified'));
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`select pg_notify('test_wakeup', 'rolled back')`.execute(trx);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    await database.db.transaction().execute(async (trx) => {
      await sql`select pg_notify('test_wakeup', 'committed')`.execute(trx);
    });
    for (let i = 0; i < 100 && received.length === 0; i++) await sleep(50);
    expect(received).toEqual(['notified']);
    await unlisten();
    await sql`select pg_notify('test_wakeup', 'after unlisten')`.execute(database.db);
    await sleep(300);
    expect(received).toEqual(['notified']);
    await expect(database.listen('Bad Channel"; drop table x', () => undefined)).rejects.toThrow(/invalid NOTIFY channel/);
  });
});

