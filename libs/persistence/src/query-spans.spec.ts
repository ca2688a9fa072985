import { describe, expect, it } from '@jest/globals';
import { describeQuery } from './query-spans.js';

describe('describeQuery', () => {
  it('names the operation and the table as the database semantic conventions ask', () => {
    expect(describeQuery('select * from "orders" where "id" = $1 for update')).toEqual({ operation: 'SELECT', collection: 'orders' });
    expect(describeQuery('insert into "outbox" ("topic") values ($1)')).toEqual({ operation: 'INSERT', collection: 'outbox' });
    expect(describeQuery('update "orders" set "status" = $1')).toEqual({ operation: 'UPDATE', collection: 'orders' });
    expect(describeQuery('select 1')).toEqual({ operation: 'SELECT' });
    expect(describeQuery('')).toEqual({});
  });
});
