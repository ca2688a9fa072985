import { describe, expect, it } from '@jest/globals';
import { parseOrderLines } from './order-lines.js';

describe('parseOrderLines', () => {
  it('merges repeated products and sorts by product id', () => {
    const parsed = parseOrderLines([
      { productId: 'ZZZZZZZZZ1', quantity: 1 },
      { productId: 'AAAAAAAAA1', quantity: 2 },
      { productId: 'ZZZZZZZZZ1', quantity: 3 },
    ]);
    expect(parsed).toEqual({
      ok: true,
      lines: [
        { productId: 'AAAAAAAAA1', quantity: 2 },
        { productId: 'ZZZZZZZZZ1', quantity: 4 },
      ],
    });
  });

  it('names what is wrong with a malformed command', () => {
    expect(parseOrderLines([])).toEqual({ ok: false, reason: 'invalid command: no lines' });
    expect(parseOrderLines([{ productId: 'bad id', quantity: 1 }])).toMatchObject({ reason: expect.stringContaining('lines[0].product_id') });
    expect(parseOrderLines([{ productId: 'AAAAAAAAA1', quantity: 0 }])).toMatchObject({ reason: expect.stringContaining('lines[0].quantity') });
    expect(parseOrderLines(Array.from({ length: 101 }, () => ({ productId: 'AAAAAAAAA1', quantity: 1 })))).toMatchObject({ ok: false });
  });
});
