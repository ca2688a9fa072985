import { catalogV1, contractProtos } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, type GrpcClient } from '@bazaar/grpc';
import type { GatewayConfig } from '../config.js';

export const CATALOG_CLIENT = Symbol('CATALOG_CLIENT');
export type CatalogClient = GrpcClient<typeof catalogV1.CatalogServiceService>;

export function createCatalogClient(config: Pick<GatewayConfig, 'CATALOG_ADDRESS' | 'UPSTREAM_TIMEOUT_MS'>): CatalogClient {
  return createGrpcClient(catalogV1.CatalogServiceService, {
    address: config.CATALOG_ADDRESS,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
}
