import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { waitForGrpcServing } from './grpc-health.js';

const health = new HealthImplementation({ '': 'SERVING', 'bazaar.catalog.v1.CatalogService': 'NOT_SERVING' });
const server = new grpc.Server();
let address: string;

beforeAll(async () => {
  health.addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  address = `127.0.0.1:${port}`;
});

afterAll(() => {
  server.forceShutdown();
});

describe('waitForGrpcServing', () => {
  it('resolves once the service reports SERVING', async () => {
    await waitForGrpcServing(address);
    setTimeout(() => health.setStatus('bazaar.catalog.v1.CatalogService', 'SERVING'), 100);
    await waitForGrpcServing(address, 'bazaar.catalog.v1.CatalogService', 5_000);
  });

  it('names the service and last status on timeout', async () => {
    await expect(waitForGrpcServing(address, 'unknown.Service', 300)).rejects.toThrow(/"unknown.Service".*NOT_FOUND/);
  });
});
