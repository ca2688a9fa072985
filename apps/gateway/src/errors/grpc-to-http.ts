import { GrpcStatus, readErrorDetails, type ServiceError } from '@bazaar/grpc';
import { problem, type FieldError, type Problem } from './problem.js';

/**
 * gRPC status → HTTP status. Choices beyond the obvious ones:
 * - FAILED_PRECONDITION → 400, not 412: 412 belongs to HTTP conditional
 *   requests (If-Match and friends), which this API does not use; a domain
 *   rule the request broke is a bad request (as in Google's HTTP mapping).
 * - CANCELLED → 503: by the time a cancellation from the client reaches us
 *   nobody reads the answer; any other cancellation is a transient failure.
 * - UNKNOWN, INTERNAL, UNIMPLEMENTED, DATA_LOSS, OUT_OF_RANGE… → 502: the
 *   upstream failed in a way the caller cannot fix.
 */
const HTTP_STATUS: Partial<Record<GrpcStatus, number>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 400,
  [GrpcStatus.FAILED_PRECONDITION]: 400,
  [GrpcStatus.UNAUTHENTICATED]: 401,
  [GrpcStatus.PERMISSION_DENIED]: 403,
  [GrpcStatus.NOT_FOUND]: 404,
  [GrpcStatus.ALREADY_EXISTS]: 409,
  [GrpcStatus.ABORTED]: 409,
  [GrpcStatus.RESOURCE_EXHAUSTED]: 429,
  [GrpcStatus.CANCELLED]: 503,
  [GrpcStatus.UNAVAILABLE]: 503,
  [GrpcStatus.DEADLINE_EXCEEDED]: 504,
};

/**
 * Codes whose message was written for the caller (the services' RpcErrors).
 * Messages of every other code may carry addresses or internals and are
 * replaced by a fixed text.
 */
const CALLER_FACING = new Set<GrpcStatus>([
  GrpcStatus.INVALID_ARGUMENT,
  GrpcStatus.FAILED_PRECONDITION,
  GrpcStatus.UNAUTHENTICATED,
  GrpcStatus.PERMISSION_DENIED,
  GrpcStatus.NOT_FOUND,
  GrpcStatus.ALREADY_EXISTS,
  GrpcStatus.ABORTED,
]);

const FIXED_DETAIL: Partial<Record<GrpcStatus, string>> = {
  [GrpcStatus.RESOURCE_EXHAUSTED]: 'Too many requests; retry later.',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'An upstream service did not answer in time.',
  [GrpcStatus.UNAVAILABLE]: 'An upstream service is unavailable; retry later.',
  [GrpcStatus.CANCELLED]: 'The upstream call was cancelled; retry later.',
};
const GENERIC_DETAIL = 'An upstream service failed.';
const MAX_DETAIL_LENGTH = 500;

/** A grpc-js ServiceError (numeric status code), as opposed to Node or Fastify errors (string codes). */
export function isGrpcError(error: unknown): error is ServiceError {
  const candidate = error as Partial<ServiceError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.code === 'number' &&
    candidate.code in GrpcStatus &&
    'details' in candidate
  );
}

export function httpStatusOfGrpc(code: GrpcStatus): number {
  return HTTP_STATUS[code] ?? 502;
}

/**
 * The problem to answer for a failed gRPC call. `fieldNames` renames the
 * proto field names of field violations to the HTTP parameter names the
 * client sent (e.g. `query` → `q`).
 */
export function grpcErrorToProblem(error: ServiceError, fieldNames: Record<string, string> = {}): Problem {
  const code = error.code as GrpcStatus;
  const status = httpStatusOfGrpc(code);
  if (!CALLER_FACING.has(code)) return problem(status, FIXED_DETAIL[code] ?? GENERIC_DETAIL);

  const details = readErrorDetails(error);
  const errors: FieldError[] = [
    ...(details.fieldViolations ?? []).map((v) => ({ field: fieldNames[v.field] ?? v.field, description: v.description })),
    ...(details.preconditionViolations ?? []).map((v) => ({ field: v.subject, description: v.description })),
  ];
  const resource = details.resourceInfo;
  const detail =
    resource && code === GrpcStatus.NOT_FOUND
      ? `${resource.resourceType} "${resource.resourceName}" was not found.`
      : resource && code === GrpcStatus.ALREADY_EXISTS
        ? `${resource.resourceType} "${resource.resourceName}" already exists.`
        : errors.length
          ? 'The request has invalid parameters; see errors.'
          : (error.details || GrpcStatus[code]).slice(0, MAX_DETAIL_LENGTH);
  return problem(status, detail, errors);
}
