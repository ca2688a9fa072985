import { InvalidArgumentError } from '@bazaar/grpc';

export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;

/**
 * Turns free text into a safe prefix tsquery: "blue mug" → "blue:* & mug:*".
 * Only letters and digits reach to_tsquery, so no input can break its syntax.
 */
export function toPrefixTsQuery(query: string): string {
  if (query.length > MAX_QUERY_LENGTH) {
    throw InvalidArgumentError.field('query', `must be at most ${MAX_QUERY_LENGTH} characters`);
  }
  const terms = query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, MAX_TERMS);
  if (terms.length === 0) throw InvalidArgumentError.field('query', 'must contain at least one letter or digit');
  return terms.map((t) => `${t}:*`).join(' & ');
}
