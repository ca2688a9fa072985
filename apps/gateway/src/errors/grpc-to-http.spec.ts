import { describe, expect, it } from '@jest/globals';
import { GrpcStatus, Metadata, toGrpcStatus, InvalidArgumentError, NotFoundError, type ServiceError } from '@bazaar/grpc';
import { grpcErrorToProblem, httpStatusOfGrpc, isGrpcError } from './grpc-to-http.js';

function serviceError(code: GrpcStatus, details: string, metadata = new Metadata()): ServiceError {
  return Object.assign(new Error(`${code} ${GrpcStatus[code]}: ${details}`), { code, details, metadata });
}

function fromRpcError(error: Error): ServiceError {
  const status = toGrpcStatus(error);
  return serviceError(status.code, status.details, status.metadata);
}

describe('gRPC status → HTTP', () => {
  it.each([
    [GrpcStatus.INVALID_ARGUMENT, 400],
    [GrpcStatus.FAILED_PRECONDITION, 400],
    [GrpcStatus.UNAUTHENTICATED, 401],
    [GrpcStatus.PERMISSION_DENIED, 403],
    [GrpcStatus.NOT_FOUND, 404],
    [GrpcStatus.ALREADY_EXISTS, 409],
    [GrpcStatus.ABORTED, 409],
    [GrpcStatus.RESOURCE_EXHAUSTED, 429],
    [GrpcStatus.CANCELLED, 503],
    [GrpcStatus.UNAVAILABLE, 503],
    [GrpcStatus.DEADLINE_EXCEEDED, 504],
    [GrpcStatus.INTERNAL, 502],
    [GrpcStatus.UNKNOWN, 502],
    [GrpcStatus.UNIMPLEMENTED, 502],
    [GrpcStatus.DATA_LOSS, 502],
  ])('maps %s to %s', (code, http) => {
    expect(httpStatusOfGrpc(code)).toBe(http);
  });

  it('lists field violations under their HTTP names', () => {
    const error = fromRpcError(new InvalidArgumentError([{ field: 'query', description: 'is required' }, { field: 'page_size', description: 'too big' }]));
    expect(grpcErrorToProblem(error, { query: 'q' })).toMatchObject({
      status: 400,
      errors: [
        { field: 'q', description: 'is required' },
        { field: 'page_size', description: 'too big' },
      ],
    });
  });

  it('describes a missing resource from ResourceInfo', () => {
    expect(grpcErrorToProblem(fromRpcError(new NotFoundError('product', 'ABC')))).toMatchObject({ status: 404, detail: 'product "ABC" was not found.' });
  });

  it('never relays the message of a server-side or transport failure', () => {
    for (const code of [GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.INTERNAL, GrpcStatus.UNKNOWN]) {
      const problem = grpcErrorToProblem(serviceError(code, 'connect ECONNREFUSED 10.1.2.3:50051'));
      expect(JSON.stringify(problem)).not.toContain('10.1.2.3');
    }
  });

  it('tells gRPC errors from Node and Fastify errors', () => {
    expect(isGrpcError(serviceError(GrpcStatus.NOT_FOUND, 'x'))).toBe(true);
    expect(isGrpcError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(false);
    expect(isGrpcError(Object.assign(new Error('x'), { code: 'FST_ERR_BAD_URL', statusCode: 400 }))).toBe(false);
    expect(isGrpcError(null)).toBe(false);
  });
});
