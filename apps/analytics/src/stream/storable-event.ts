import type { IncomingEvent } from '@bazaar/messaging';

/** Longest id stored: a product id and an order id share one primary key, whose index row PostgreSQL caps at ~2.7 kB. */
export const MAX_STORED_ID_LENGTH = 256;

interface StoredFields {
  sessionId?: string;
  userId?: string;
  productId?: string;
  orderId?: string;
  lines?: { productId?: string }[];
  total?: { currencyCode?: string };
}

/**
 * Why an event's values can't go into the pane tables, or undefined. PostgreSQL rejects NUL in text and
 * index rows over its size limit; such an event would fail its batch on every retry and stop its
 * partition, so the stream consumer dead-letters it instead.
 */
export function unstorableReason(event: IncomingEvent): string | undefined {
  const fields = event.payload as StoredFields;
  const stored: [string, string | undefined][] = [
    ['key', event.key],
    ['session_id', fields.sessionId],
    ['user_id', fields.userId],
    ['product_id', fields.productId],
    ['order_id', fields.orderId],
    ['total.currency_code', fields.total?.currencyCode],
    ...(fields.lines ?? []).map((line): [string, string | undefined] => ['lines.product_id', line.productId]),
  ];
  for (const [field, value] of stored) {
    if (value === undefined) continue;
    if (value.length > MAX_STORED_ID_LENGTH) return `${field} is longer than ${MAX_STORED_ID_LENGTH} characters`;
    if (value.includes('\u0000')) return `${field} contains a NUL character`;
  }
  return undefined;
}
