import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from '@bazaar/observability';
import { ANALYTICS_CLIENT, type AnalyticsClient } from './analytics/analytics-client.js';
import { AnalyticsController } from './analytics/analytics.controller.js';
import { METRICS_STREAMS, type MetricsStreams } from './analytics/metrics-stream.js';
import { BearerAuthGuard, TOKEN_VERIFIER } from './auth/bearer-auth.guard.js';
import { SCOPE_POLICY, ScopeGuard, type ScopePolicy } from './auth/scope.guard.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import { CartController } from './cart/cart.controller.js';
import { CLICKSTREAM, type Clickstream } from './clickstream/clickstream.js';
import { HealthController } from './health/health.controller.js';
import { Readiness } from './health/readiness.js';
import { CheckoutController, GATEWAY_LOGGER } from './orders/checkout.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { CATALOG_CLIENT, type CatalogClient } from './products/catalog-client.js';
import { ProductsController } from './products/products.controller.js';
import { ShippingController } from './shipping/shipping.controller.js';
import { CART_CLIENT, ORDERS_CLIENT, SHIPPING_CLIENT, type UpstreamClients } from './upstream-clients.js';

export interface GatewayDeps {
  catalog: CatalogClient;
  upstream: UpstreamClients;
  verifier: TokenVerifier;
  scopes: ScopePolicy;
  readiness: Readiness;
  logger: Logger;
  clickstream: Clickstream;
  analytics: AnalyticsClient;
  metricsStreams: MetricsStreams;
}

@Module({})
export class GatewayModule {
  static create(deps: GatewayDeps): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        ProductsController,
        CartController,
        CheckoutController,
        OrdersController,
        ShippingController,
        AnalyticsController,
        HealthController,
      ],
      providers: [
        BearerAuthGuard,
        ScopeGuard,
        { provide: SCOPE_POLICY, useValue: deps.scopes },
        { provide: CATALOG_CLIENT, useValue: deps.catalog },
        { provide: CART_CLIENT, useValue: deps.upstream.cart },
        { provide: ORDERS_CLIENT, useValue: deps.upstream.orders },
        { provide: SHIPPING_CLIENT, useValue: deps.upstream.shipping },
        { provide: TOKEN_VERIFIER, useValue: deps.verifier },
        { provide: GATEWAY_LOGGER, useValue: deps.logger },
        { provide: Readiness, useValue: deps.readiness },
        { provide: CLICKSTREAM, useValue: deps.clickstream },
        { provide: ANALYTICS_CLIENT, useValue: deps.analytics },
        { provide: METRICS_STREAMS, useValue: deps.metricsStreams },
      ],
    };
  }
}
