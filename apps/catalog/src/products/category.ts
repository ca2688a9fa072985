import type { FieldViolation } from '@bazaar/grpc';

/** Category slugs are lower-case words joined by dashes. */
export function categoryViolations(category: string): FieldViolation[] {
  if (category === '' || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(category) && category.length <= 40) return [];
  return [{ field: 'category', description: 'must be a lower-case slug like "kitchen" (a-z, 0-9, dashes; at most 40)' }];
}
