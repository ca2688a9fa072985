import { describe, expect, it } from '@jest/globals';
import { ProblemError } from '../errors/problem.js';
import { parseProductId, parseProductQuery } from './product-query.js';

function fieldsRejected(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemError) return (error.problem.errors ?? []).map((e) => e.field);
    throw error;
  }
  return [];
}

describe('parseProductQuery', () => {
  it('lists without q, searches with a non-empty q', () => {
    expect(parseProductQuery({})).toEqual({ kind: 'list', request: { category: '', pageSize: 0, pageToken: '' } });
    expect(parseProductQuery({ q: '', category: 'kitchen', page_size: '100' })).toEqual({
      kind: 'list',
      request: { category: 'kitchen', pageSize: 100, pageToken: '' },
    });
    expect(parseProductQuery({ q: 'tasse à café', page_token: 'abc-_1' })).toEqual({
      kind: 'search',
      request: { query: 'tasse à café', pageSize: 0, pageToken: 'abc-_1' },
    });
  });

  it('reports every bad parameter at once', () => {
    expect(fieldsRejected(() => parseProductQuery({ q: '!!!', category: 'x', page_size: '0100', page_token: 'a b' }))).toEqual([
      'q',
      'category',
      'page_size',
      'page_token',
    ]);
    expect(fieldsRejected(() => parseProductQuery({ q: ['a', 'b'] }))).toEqual(['q']);
    expect(fieldsRejected(() => parseProductQuery({ page_size: '101' }))).toEqual(['page_size']);
  });
});

describe('parseProductId', () => {
  it('accepts URL-safe ids and rejects the rest', () => {
    expect(parseProductId('OLJCESPC7Z')).toBe('OLJCESPC7Z');
    for (const bad of ['', '../x', 'a b', 'x'.repeat(65), 'é']) expect(fieldsRejected(() => parseProductId(bad))).toEqual(['id']);
  });
});
