import { describe, expect, it } from '@jest/globals';
import { Metadata, status } from '@grpc/grpc-js';
import { expectGrpcRejection } from './grpc-rejection.js';

const failing = (code: status, details: string) => Promise.reject(Object.assign(new Error(details), { code, details, metadata: new Metadata() }));

describe('expectGrpcRejection', () => {
  it('returns the error of a call failing with the expected code and details', async () => {
    const error = await expectGrpcRejection(failing(status.NOT_FOUND, 'order "x" was not found.'), status.NOT_FOUND, /not found/);
    expect(error.details).toBe('order "x" was not found.');
    await expectGrpcRejection(failing(status.NOT_FOUND, 'gone'), status.NOT_FOUND, 'gone');
  });

  it('fails for a success, another code, other details or a non-gRPC error', async () => {
    await expect(expectGrpcRejection(Promise.resolve({}), status.NOT_FOUND)).rejects.toThrow(/NOT_FOUND, but it succeeded/);
    await expect(expectGrpcRejection(failing(status.INTERNAL, 'boom'), status.NOT_FOUND)).rejects.toThrow(/NOT_FOUND, got INTERNAL/);
    await expect(expectGrpcRejection(failing(status.NOT_FOUND, 'gone'), status.NOT_FOUND, /missing/)).rejects.toThrow(/details matching/);
    await expect(expectGrpcRejection(failing(status.NOT_FOUND, 'gone'), status.NOT_FOUND, 'gon')).rejects.toThrow(/details matching/);
    await expect(expectGrpcRejection(Promise.reject(new TypeError('bad')), status.NOT_FOUND)).rejects.toThrow(/got TypeError: bad/);
  });
});
