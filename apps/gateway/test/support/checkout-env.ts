import { FakeCatalog } from './fake-catalog.js';
import { fakeCart, fakeOrders, fakeShipping } from './fake-checkout.js';
import { startTestGateway, type TestGateway } from './gateway.js';

export interface CheckoutEnv {
  catalog: FakeCatalog;
  cart: ReturnType<typeof fakeCart>;
  orders: ReturnType<typeof fakeOrders>;
  shipping: ReturnType<typeof fakeShipping>;
  gateway: TestGateway;
  /** fetch against the gateway with a JSON body. */
  send(method: string, path: string, options?: { headers?: Record<string, string>; body?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

/** The gateway in front of real gRPC doubles of catalog, cart, orders and shipping. */
export async function startCheckoutEnv(env: Record<string, string> = {}): Promise<CheckoutEnv> {
  const [catalog, cart, orders, shipping] = await Promise.all([new FakeCatalog().start(), fakeCart().start(), fakeOrders().start(), fakeShipping().start()]);
  const gateway = await startTestGateway({
    CATALOG_ADDRESS: `127.0.0.1:${catalog.port}`,
    CART_ADDRESS: cart.address,
    ORDERS_ADDRESS: orders.address,
    SHIPPING_ADDRESS: shipping.address,
    ...env,
  });
  return {
    catalog,
    cart,
    orders,
    shipping,
    gateway,
    send: (method, path, options = {}) =>
      fetch(gateway.url + path, {
        method,
        headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      }),
    async stop() {
      await gateway.shutdown('test done');
      for (const service of [catalog, cart, orders, shipping]) service.stop();
    },
  };
}
