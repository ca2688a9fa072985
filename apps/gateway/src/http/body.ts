import { z } from '@bazaar/config';
import { ProblemError, type FieldError } from '../errors/problem.js';

/** Enough to fix a request without the error body growing with the request. */
const MAX_FIELD_ERRORS = 20;

/**
 * Validates a JSON request body (or any parsed input) against `schema`;
 * every failing field is listed by its path as the client wrote it. Our
 * descriptions never echo the value, so secrets in bodies stay out of errors.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.slice(0, MAX_FIELD_ERRORS).map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : 'body',
    description: issue.path.length ? issue.message : 'must be a JSON object',
  }));
  throw ProblemError.invalidRequest(errors);
}

/** An integer field whose every error states its range. */
export function intBetween(min: number, max: number): z.ZodNumber {
  const error = `must be an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}
