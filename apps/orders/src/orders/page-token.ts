import { InvalidArgumentError } from '@bazaar/grpc';
import { createHash } from 'node:crypto';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The last order of a page (newest first): the next page starts strictly after it. */
export interface OrderCursor {
  createdAt: Date;
  id: string;
}

// Bound to the user, so one user's token can't be replayed by another.
const fingerprint = (userId: string) => createHash('sha256').update(userId).digest('base64url').slice(0, 12);

// Orders are created in this era; an earlier cursor (JS dates reach back past PostgreSQL's 4713 BC) is forged.
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');

export function encodePageToken(cursor: OrderCursor, userId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, t: cursor.createdAt.toISOString(), i: cursor.id, f: fingerprint(userId) })).toString('base64url');
}

export function parseListRequest(pageSize: number, pageToken: string, userId: string): { pageSize: number; after?: OrderCursor } {
  if (!Number.isInteger(pageSize) || pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
    throw InvalidArgumentError.field('page_size', `must be between 1 and ${MAX_PAGE_SIZE} (0 for the default ${DEFAULT_PAGE_SIZE})`);
  }
  const size = pageSize || DEFAULT_PAGE_SIZE;
  if (!pageToken) return { pageSize: size };
  const invalid = InvalidArgumentError.field('page_token', 'is not a token returned by this API');
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(pageToken)) throw invalid;
  let body: { v?: unknown; t?: unknown; i?: unknown; f?: unknown };
  try {
    body = JSON.parse(Buffer.from(pageToken, 'base64url').toString('utf8')) as typeof body;
  } catch {
    throw invalid;
  }
  const createdAt = typeof body?.t === 'string' ? new Date(body.t) : undefined;
  if (body?.v !== 1 || !createdAt || Number.isNaN(createdAt.getTime()) || createdAt.getTime() < EARLIEST || typeof body.i !== 'string' || body.i.length > 64 || body.i.includes('\u0000')) throw invalid;
  if (body.f !== fingerprint(userId)) throw invalid;
  return { pageSize: size, after: { createdAt, id: body.i } };
}
