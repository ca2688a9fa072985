import { status, type ServiceError } from '@grpc/grpc-js';

/**
 * Awaits a gRPC call that must fail with `code` (and, when given, a status message matching `details`) and returns
 * its error for further checks. Throws a plain Error otherwise, so it works under any test runner.
 */
export async function expectGrpcRejection(call: Promise<unknown>, code: status, details?: string | RegExp): Promise<ServiceError> {
  let error: unknown;
  try {
    await call;
  } catch (caught) {
    error = caught;
  }
  if (error === undefined) throw new Error(`expected the call to fail with ${status[code]}, but it succeeded`);
  const failure = error as Partial<ServiceError>;
  if (failure.code !== code) {
    throw new Error(`expected the call to fail with ${status[code]}, got ${failure.code === undefined ? String(error) : status[failure.code] ?? failure.code}`, {
      cause: error,
    });
  }
  if (details !== undefined && !matches(failure.details, details)) {
    throw new Error(`expected status details matching ${String(details)}, got ${JSON.stringify(failure.details)}`, { cause: error });
  }
  return error as ServiceError;
}

function matches(actual: string | undefined, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual === expected : actual !== undefined && expected.test(actual);
}
