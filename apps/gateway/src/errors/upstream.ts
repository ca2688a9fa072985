import { grpcErrorToProblem, isGrpcError } from './grpc-to-http.js';
import { ProblemError } from './problem.js';

/** Relays a failed gRPC call as the problem its status maps to (`fieldNames`: proto field → HTTP name). */
export async function fromUpstream<T>(call: Promise<T>, fieldNames: Record<string, string> = {}): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (isGrpcError(error)) throw new ProblemError(grpcErrorToProblem(error, fieldNames), { cause: error });
    throw error;
  }
}
