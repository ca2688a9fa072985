import { credentials } from '@grpc/grpc-js';
import { analyticsV1, contractProtos } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, type GrpcClient } from '@bazaar/grpc';
import type { GatewayConfig } from '../config.js';

export const ANALYTICS_CLIENT = Symbol('ANALYTICS_CLIENT');

/** Queries through the platform client (deadlines, retries); WatchMetrics through the generated one (a long-lived stream). */
export interface AnalyticsClient {
  queries: GrpcClient<typeof analyticsV1.AnalyticsServiceService>;
  watch: analyticsV1.AnalyticsServiceClient;
  close(): void;
}

export function createAnalyticsClient(config: Pick<GatewayConfig, 'ANALYTICS_ADDRESS' | 'UPSTREAM_TIMEOUT_MS'>): AnalyticsClient {
  const queries = createGrpcClient(analyticsV1.AnalyticsServiceService, {
    address: config.ANALYTICS_ADDRESS,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    idempotentMethods: loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs),
  });
  // Same keepalive as the platform's clients: a stream idle between updates must not be cut by a proxy.
  const watch = new analyticsV1.AnalyticsServiceClient(config.ANALYTICS_ADDRESS, credentials.createInsecure(), {
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.keepalive_permit_without_calls': 1,
  });
  return {
    queries,
    watch,
    close() {
      queries.close();
      watch.close();
    },
  };
}
