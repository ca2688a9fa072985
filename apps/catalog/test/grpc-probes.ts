import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import path from 'node:path';
import { service as healthService } from 'grpc-health-check';

const require = createRequire(import.meta.url);
const reflectionProto = path.join(
  path.dirname(require.resolve('@grpc/reflection/package.json')),
  'build/proto/grpc/reflection/v1/reflection.proto',
);

/** Lists services through grpc.reflection.v1 — what grpcurl `list` does. */
export async function listServicesByReflection(address: string): Promise<string[]> {
  const definition = loadSync(reflectionProto, { keepCase: true });
  const Reflection = grpc.loadPackageDefinition(definition)['grpc'] as unknown as {
    reflection: { v1: { ServerReflection: new (a: string, c: grpc.ChannelCredentials) => grpc.Client & Record<string, (...args: unknown[]) => unknown> } };
  };
  const client = new Reflection.reflection.v1.ServerReflection(address, grpc.credentials.createInsecure());
  try {
    return await new Promise((resolve, reject) => {
      type ListResponse = { list_services_response?: { service: { name: string }[] } };
      const stream = client['ServerReflectionInfo']?.call(client) as grpc.ClientDuplexStream<object, ListResponse>;
      stream.on('data', (response: ListResponse) => {
        resolve((response.list_services_response?.service ?? []).map((s) => s.name).sort());
        stream.end();
      });
      stream.on('error', reject);
      stream.write({ list_services: '' });
    });
  } finally {
    client.close();
  }
}

type HealthClient = grpc.Client & {
  Check(request: { service: string }, options: grpc.CallOptions, cb: (e: grpc.ServiceError | null, r?: { status: string }) => void): void;
  Watch(request: { service: string }): grpc.ClientReadableStream<{ status: string }>;
};
const HealthCtor = grpc.makeClientConstructor(healthService as grpc.ServiceDefinition, 'grpc.health.v1.Health') as unknown as new (
  address: string,
  credentials: grpc.ChannelCredentials,
) => HealthClient;

export async function healthStatus(address: string, service = ''): Promise<string> {
  const client = new HealthCtor(address, grpc.credentials.createInsecure());
  try {
    return await new Promise((resolve, reject) =>
      client.Check({ service }, { deadline: Date.now() + 2_000 }, (error, response) => (error ? reject(error) : resolve(response!.status))),
    );
  } finally {
    client.close();
  }
}

/** grpc.health.v1.Health/Watch: every status the server streams, until cancel(). */
export function watchHealth(address: string, service = ''): { statuses: string[]; cancel(): void } {
  const client = new HealthCtor(address, grpc.credentials.createInsecure());
  const statuses: string[] = [];
  const stream = client.Watch({ service });
  stream.on('data', (response: { status: string }) => statuses.push(response.status));
  stream.on('error', () => undefined); // cancelled, or the server went away
  return {
    statuses,
    cancel() {
      stream.cancel();
      client.close();
    },
  };
}
