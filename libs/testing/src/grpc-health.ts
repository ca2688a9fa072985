import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { waitFor } from './wait-for.js';

interface HealthCheckResponse {
  status: string;
}

type HealthClient = grpc.Client & {
  Check(
    request: { service: string },
    options: grpc.CallOptions,
    callback: (error: grpc.ServiceError | null, response?: HealthCheckResponse) => void,
  ): grpc.ClientUnaryCall;
};

const HealthClientConstructor = grpc.makeClientConstructor(
  healthService as grpc.ServiceDefinition,
  'grpc.health.v1.Health',
) as unknown as new (address: string, credentials: grpc.ChannelCredentials) => HealthClient;

/** Polls grpc.health.v1.Health/Check on `address` (host:port) until `service` ('' = whole server) is SERVING. */
export async function waitForGrpcServing(address: string, service = '', timeoutMs = 10_000): Promise<void> {
  const client = new HealthClientConstructor(address, grpc.credentials.createInsecure());
  try {
    await waitFor(
      () =>
        new Promise<boolean>((resolve, reject) => {
          client.Check({ service }, { deadline: Date.now() + 1_000 }, (error, response) => {
            if (error) return reject(new Error(`${grpc.status[error.code] ?? error.code}: ${error.details}`));
            if (response?.status !== 'SERVING') return reject(new Error(`status ${response?.status ?? 'missing'}`));
            resolve(true);
          });
        }),
      { timeoutMs, intervalMs: 200, what: `gRPC health SERVING for "${service}" at ${address}` },
    );
  } finally {
    client.close();
  }
}
