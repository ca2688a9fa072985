import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  ResourceError,
  RpcError,
} from './rpc-errors.js';
import { detailsMetadata } from './status-details.js';

/** gRPC codes that may travel back up a call chain unchanged. */
const PROPAGATED_CODES = new Set<status>([
  status.CANCELLED,
  status.INVALID_ARGUMENT,
  status.DEADLINE_EXCEEDED,
  status.NOT_FOUND,
  status.ALREADY_EXISTS,
  status.PERMISSION_DENIED,
  status.RESOURCE_EXHAUSTED,
  status.FAILED_PRECONDITION,
  status.ABORTED,
  status.UNAVAILABLE,
  status.UNAUTHENTICATED,
]);

export interface GrpcStatus extends StatusObject {
  /** True when the error was not an intended RpcError (a bug or an outage): log it. */
  unexpected: boolean;
}

function isServiceError(error: unknown): error is { code: number; details?: string; metadata?: Metadata } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number';
}

/**
 * Maps anything thrown by a handler to the status sent to the caller. Never
 * UNKNOWN, never a stack trace or an internal message in `details`.
 */
export function toGrpcStatus(error: unknown): GrpcStatus {
  if (error instanceof RpcError) {
    const details =
      error instanceof InvalidArgumentError
        ? { fieldViolations: error.violations }
        : error instanceof FailedPreconditionError
          ? { preconditionViolations: error.violations }
          : error instanceof ResourceError
            ? { resourceInfo: { resourceType: error.resourceType, resourceName: error.resourceName } }
            : {};
    return {
      code: error.code,
      details: error.message,
      metadata: detailsMetadata(error.code, error.message, details),
      unexpected: false,
    };
  }
  // A status from a downstream call (grpc-js ServiceError) or an RpcException payload.
  const payload = isServiceError(error)
    ? error
    : typeof (error as { getError?: unknown })?.getError === 'function'
      ? ((error as { getError(): unknown }).getError() as unknown)
      : undefined;
  if (isServiceError(payload) && PROPAGATED_CODES.has(payload.code)) {
    const metadata = new Metadata();
    const details = payload.metadata?.get('grpc-status-details-bin')[0];
    if (details) metadata.set('grpc-status-details-bin', details);
    const message =
      payload.code === status.UNAVAILABLE ? 'a dependency is unavailable' : (payload.details ?? status[payload.code]);
    return { code: payload.code, details: message, metadata, unexpected: payload.code === status.UNAVAILABLE };
  }
  return { code: status.INTERNAL, details: 'internal error', metadata: new Metadata(), unexpected: true };
}
