import { describe, expect, it } from '@jest/globals';
import { httpServerDuration, metricsRegistry, renderMetrics, rpcClientDuration, rpcServerDuration } from './metrics.js';

describe('metrics', () => {
  it('renders RPC and HTTP histograms with their labels plus Node runtime metrics', async () => {
    rpcServerDuration.observe({ rpc_service: 'bazaar.catalog.v1.CatalogService', rpc_method: 'GetProduct', rpc_grpc_status_code: '0' }, 0.012);
    rpcClientDuration.observe({ rpc_service: 'bazaar.inventory.v1.InventoryService', rpc_method: 'Reserve', rpc_grpc_status_code: '14' }, 0.3);
    httpServerDuration.observe({ http_request_method: 'GET', http_route: '/products/:id', http_response_status_code: '200' }, 0.004);

    const { contentType, body } = await renderMetrics();
    expect(contentType).toContain('application/openmetrics-text');
    expect(body.endsWith('# EOF\n')).toBe(true);
    expect(body).toContain(
      'rpc_server_duration_seconds_bucket{le="0.025",rpc_service="bazaar.catalog.v1.CatalogService",rpc_method="GetProduct",rpc_grpc_status_code="0"} 1',
    );
    expect(body).toContain('rpc_client_duration_seconds_count{rpc_service="bazaar.inventory.v1.InventoryService",rpc_method="Reserve",rpc_grpc_status_code="14"} 1');
    expect(body).toContain('http_server_request_duration_seconds_bucket{le="0.005",http_request_method="GET",http_route="/products/:id",http_response_status_code="200"} 1');
    expect(body).toContain('le="10"');
    for (const runtime of ['nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds', 'process_cpu_seconds_total']) {
      expect(body).toContain(runtime);
    }
    expect(metricsRegistry.getSingleMetric('rpc_server_duration_seconds')).toBe(rpcServerDuration);
  });
});
