import { cartV1, contractProtos, ordersV1, shippingV1 } from '@bazaar/contracts';
import { createGrpcClient, loadIdempotentMethods, type GrpcClient } from '@bazaar/grpc';
import type { GatewayConfig } from './config.js';

export const CART_CLIENT = Symbol('CART_CLIENT');
export const ORDERS_CLIENT = Symbol('ORDERS_CLIENT');
export const SHIPPING_CLIENT = Symbol('SHIPPING_CLIENT');

export type CartClient = GrpcClient<typeof cartV1.CartServiceService>;
export type OrdersClient = GrpcClient<typeof ordersV1.OrderServiceService>;
export type ShippingClient = GrpcClient<typeof shippingV1.ShippingServiceService>;

export interface UpstreamClients {
  cart: CartClient;
  orders: OrdersClient;
  shipping: ShippingClient;
  close(): void;
}

type ClientConfig = Pick<GatewayConfig, 'CART_ADDRESS' | 'ORDERS_ADDRESS' | 'SHIPPING_ADDRESS' | 'UPSTREAM_TIMEOUT_MS'>;

/** gRPC clients of the checkout services (the catalog client lives with the products routes). */
export function createUpstreamClients(config: ClientConfig): UpstreamClients {
  const idempotentMethods = loadIdempotentMethods(contractProtos.files, contractProtos.includeDirs);
  const options = (address: string) => ({ address, timeoutMs: config.UPSTREAM_TIMEOUT_MS, idempotentMethods });
  const cart = createGrpcClient(cartV1.CartServiceService, options(config.CART_ADDRESS));
  const orders = createGrpcClient(ordersV1.OrderServiceService, options(config.ORDERS_ADDRESS));
  const shipping = createGrpcClient(shippingV1.ShippingServiceService, options(config.SHIPPING_ADDRESS));
  return {
    cart,
    orders,
    shipping,
    close() {
      cart.close();
      orders.close();
      shipping.close();
    },
  };
}
