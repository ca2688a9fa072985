import { InvalidArgumentError, type FieldViolation } from '@bazaar/grpc';
import { createHash } from 'node:crypto';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Where the next page starts: after an id (listing) or at an offset (search). */
export type PageCursor = { kind: 'after'; id: string } | { kind: 'offset'; offset: number };

interface TokenBody {
  v: 1;
  /** Cursor */
  c: PageCursor;
  /** Fingerprint of the query the token belongs to, so it can't be replayed on another. */
  f: string;
}

const fingerprint = (scope: string) => createHash('sha256').update(scope).digest('base64url').slice(0, 12);

/** An opaque, URL-safe token; clients must not parse it. */
export function encodePageToken(cursor: PageCursor, scope: string): string {
  const body: TokenBody = { v: 1, c: cursor, f: fingerprint(scope) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function decodePageToken(token: string, scope: string): PageCursor {
  const invalid = (why: string) => InvalidArgumentError.field('page_token', why);
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(token)) throw invalid('is not a token returned by this API');
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw invalid('is not a token returned by this API');
  }
  const cursor = body?.c;
  const wellFormed =
    body?.v === 1 &&
    typeof body.f === 'string' &&
    ((cursor?.kind === 'after' && typeof cursor.id === 'string' && cursor.id.length <= 64) ||
      (cursor?.kind === 'offset' && Number.isSafeInteger(cursor.offset) && cursor.offset >= 0 && cursor.offset <= 100_000));
  if (!wellFormed) throw invalid('is not a token returned by this API');
  if (body.f !== fingerprint(scope)) throw invalid('belongs to a different query; start again without a token');
  return cursor!;
}

export interface PageRequest {
  pageSize: number;
  cursor?: PageCursor;
}

/**
 * Validates paging fields. `scope` names the query (e.g. the search text) a
 * token was issued for.
 */
export function parsePageRequest(pageSize: number, pageToken: string, scope: string, extra: FieldViolation[] = []): PageRequest {
  const violations = [...extra];
  if (!Number.isInteger(pageSize) || pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
    violations.push({ field: 'page_size', description: `must be between 1 and ${MAX_PAGE_SIZE} (0 for the default ${DEFAULT_PAGE_SIZE})` });
  }
  let cursor: PageCursor | undefined;
  if (pageToken) {
    try {
      cursor = decodePageToken(pageToken, scope);
    } catch (error) {
      if (error instanceof InvalidArgumentError) violations.push(...error.violations);
      else throw error;
    }
  }
  if (violations.length) throw new InvalidArgumentError(violations);
  return { pageSize: pageSize || DEFAULT_PAGE_SIZE, cursor };
}
