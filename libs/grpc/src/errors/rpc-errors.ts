import { status } from '@grpc/grpc-js';

/** A problem with one field of a request, reported to the caller. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** A failed precondition: `type` names the rule, `subject` what it was checked on. */
export interface PreconditionViolation {
  type: string;
  subject: string;
  description: string;
}

/**
 * Base of the errors a service throws on purpose. The global gRPC exception
 * filter turns each into its status code; anything else becomes INTERNAL.
 */
export abstract class RpcError extends Error {
  abstract readonly code: status;
}

export class InvalidArgumentError extends RpcError {
  readonly code = status.INVALID_ARGUMENT;
  constructor(readonly violations: FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join('; ') || 'invalid argument');
    this.name = 'InvalidArgumentError';
  }

  static field(field: string, description: string): InvalidArgumentError {
    return new InvalidArgumentError([{ field, description }]);
  }
}

/** An error about one named resource (reported as google.rpc.ResourceInfo). */
export abstract class ResourceError extends RpcError {
  constructor(
    readonly resourceType: string,
    readonly resourceName: string,
    problem: string,
  ) {
    super(`${resourceType} "${resourceName}" ${problem}`);
    this.name = new.target.name;
  }
}

export class NotFoundError extends ResourceError {
  readonly code = status.NOT_FOUND;
  constructor(resourceType: string, resourceName: string) {
    super(resourceType, resourceName, 'not found');
  }
}

export class FailedPreconditionError extends RpcError {
  readonly code = status.FAILED_PRECONDITION;
  constructor(readonly violations: PreconditionViolation[]) {
    super(violations.map((v) => `${v.subject}: ${v.description}`).join('; ') || 'failed precondition');
    this.name = 'FailedPreconditionError';
  }
}

export class AlreadyExistsError extends ResourceError {
  readonly code = status.ALREADY_EXISTS;
  constructor(resourceType: string, resourceName: string) {
    super(resourceType, resourceName, 'already exists');
  }
}

/** Errors whose whole story is a code and a safe message. */
function simpleError(code: status, name: string) {
  return class extends RpcError {
    readonly code = code;
    constructor(message: string) {
      super(message);
      this.name = name;
    }
  };
}

export const UnauthenticatedError = simpleError(status.UNAUTHENTICATED, 'UnauthenticatedError');
export const PermissionDeniedError = simpleError(status.PERMISSION_DENIED, 'PermissionDeniedError');
export const ResourceExhaustedError = simpleError(status.RESOURCE_EXHAUSTED, 'ResourceExhaustedError');
export const UnavailableError = simpleError(status.UNAVAILABLE, 'UnavailableError');
export const AbortedError = simpleError(status.ABORTED, 'AbortedError');
