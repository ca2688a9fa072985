import type { catalogV1 } from '@bazaar/contracts';
import { ProblemError, type FieldError } from '../errors/problem.js';
import { singleQueryValue } from '../http/query.js';

// Checked at the edge so malformed requests never cost a gRPC call; the
// catalog checks again (it owns the rules), and its verdict is relayed as is.
export const MAX_PAGE_SIZE = 100;
export const MAX_QUERY_LENGTH = 200;
const PAGE_SIZE = /^\d{1,3}$/;
const PAGE_TOKEN = /^[A-Za-z0-9_-]{0,512}$/;
const CATEGORY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** gRPC field name → the HTTP parameter the client used, for upstream field violations. */
export const PRODUCT_FIELD_NAMES: Record<string, string> = { query: 'q' };

export type ProductQuery =
  | { kind: 'search'; request: catalogV1.SearchProductsRequest }
  | { kind: 'list'; request: catalogV1.ListProductsRequest };

/**
 * `GET /api/products` parameters: a non-empty `q` selects search, otherwise
 * a listing (optionally by `category`). Unknown parameters are ignored.
 */
export function parseProductQuery(query: Record<string, unknown>): ProductQuery {
  const errors: FieldError[] = [];
  const q = singleQueryValue(query, 'q', errors);
  const category = singleQueryValue(query, 'category', errors);
  const pageSizeText = singleQueryValue(query, 'page_size', errors);
  const pageToken = singleQueryValue(query, 'page_token', errors);

  if (q.length > MAX_QUERY_LENGTH) errors.push({ field: 'q', description: `must be at most ${MAX_QUERY_LENGTH} characters` });
  else if (q && !HAS_LETTER_OR_DIGIT.test(q)) errors.push({ field: 'q', description: 'must contain at least one letter or digit' });

  if (category && q) errors.push({ field: 'category', description: 'cannot be combined with q' });
  else if (category && (category.length > 40 || !CATEGORY.test(category))) {
    errors.push({ field: 'category', description: 'must be a lower-case slug like "kitchen" (a-z, 0-9, dashes; at most 40)' });
  }

  const pageSize = PAGE_SIZE.test(pageSizeText) ? Number(pageSizeText) : pageSizeText === '' ? 0 : NaN;
  if (!(pageSize >= 0 && pageSize <= MAX_PAGE_SIZE)) {
    errors.push({ field: 'page_size', description: `must be an integer from 0 to ${MAX_PAGE_SIZE} (0 means the default, 20)` });
  }
  if (!PAGE_TOKEN.test(pageToken)) errors.push({ field: 'page_token', description: 'is not a token returned by this API' });

  if (errors.length) throw ProblemError.invalidRequest(errors);
  return q
    ? { kind: 'search', request: { query: q, pageSize, pageToken } }
    : { kind: 'list', request: { category, pageSize, pageToken } };
}

export function parseProductId(id: string): string {
  if (!PRODUCT_ID.test(id)) {
    throw ProblemError.invalidRequest([{ field: 'id', description: 'must be 1-64 characters A-Z, a-z, 0-9, "_" or "-"' }]);
  }
  return id;
}
