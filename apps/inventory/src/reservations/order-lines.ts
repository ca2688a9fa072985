import type { inventoryV1 } from '@bazaar/contracts';

export const PRODUCT_ID = /^[A-Z0-9]{10}$/;
/** Far above any real basket; keeps a malformed command from locking the whole table. */
export const MAX_LINES = 100;

export interface OrderLine {
  productId: string;
  quantity: number;
}

export type ParsedLines = { ok: true; lines: OrderLine[] } | { ok: false; reason: string };

/** Checks a command's lines and merges repeated products; the result is sorted by product id. */
export function parseOrderLines(lines: readonly inventoryV1.StockLine[]): ParsedLines {
  if (lines.length === 0) return { ok: false, reason: 'invalid command: no lines' };
  if (lines.length > MAX_LINES) return { ok: false, reason: `invalid command: more than ${MAX_LINES} lines` };
  const quantities = new Map<string, number>();
  for (const [index, line] of lines.entries()) {
    if (!PRODUCT_ID.test(line.productId)) return { ok: false, reason: `invalid command: lines[${index}].product_id is malformed` };
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      return { ok: false, reason: `invalid command: lines[${index}].quantity must be a positive integer` };
    }
    quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);
  }
  const merged = [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
  return { ok: true, lines: merged.sort((a, b) => compareIds(a.productId, b.productId)) };
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
