import type { FieldError } from '../errors/problem.js';

/** A query parameter that may appear at most once: its value, '' when absent; a repeat is a field error. */
export function singleQueryValue(query: Record<string, unknown>, name: string, errors: FieldError[]): string {
  const value = query[name];
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  errors.push({ field: name, description: 'must be given at most once' });
  return '';
}
