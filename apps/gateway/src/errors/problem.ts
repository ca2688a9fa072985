import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One rejected input field (a query parameter, a path segment). */
export interface FieldError {
  field: string;
  description: string;
}

/** An RFC 9457 problem details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

/** The HTTP reason phrase; `about:blank` problems use it as their title (RFC 9457 §4.2.1). */
export function statusTitle(status: number): string {
  return status === 499 ? 'Client Closed Request' : (STATUS_CODES[status] ?? 'Error');
}

export function problem(status: number, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: 'about:blank',
    title: statusTitle(status),
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

/**
 * Thrown by handlers for an outcome that is already a client-facing problem;
 * the global filter sends it as is (adding instance and request id).
 */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    options?: ErrorOptions,
  ) {
    super(problem.detail ?? problem.title, options);
    this.name = 'ProblemError';
  }

  static invalidRequest(errors: FieldError[]): ProblemError {
    return new ProblemError(problem(400, 'The request has invalid parameters; see errors.', errors));
  }
}
