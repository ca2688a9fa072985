import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { gatewayClient, type GatewayAnswer } from './gateway-client.js';
import type { LoadStats } from './stats.js';

export interface ShopperOptions {
  baseUrl: string;
  token: string;
  stats: LoadStats;
  /** Share of sessions that end in a checkout (0-1). */
  checkoutRatio: number;
  /** Pause between a shopper's requests (ms). */
  thinkMs: number;
  /** How long a checkout's order is followed before it counts as UNSETTLED (ms). */
  settleTimeoutMs: number;
  requestTimeoutMs: number;
  /** Shoppers stop starting sessions once this returns true. */
  stopped: () => boolean;
  random?: () => number;
}

const SEARCH_TERMS = ['mug', 'lamp', 'sunglasses', 'watch', 'tank', 'hairdryer', 'candle', 'jar'];
/** Mostly good cards; some declines and an empty account, as a real shop sees (test cards of payments). */
const CARD_TOKENS = [...Array<string>(18).fill('tok_visa'), 'tok_decline', 'tok_insufficient_funds'];
const ADDRESS = { name: 'Load Tester', street: '1 Traffic Lane', city: 'Berlin', postalCode: '10115', countryCode: 'DE' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One virtual shopper: sessions of browse → view → (search) → add to cart → (quote, checkout, follow the order). */
export async function runShopper(options: ShopperOptions): Promise<void> {
  const random = options.random ?? Math.random;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  while (!options.stopped()) {
    const call = gatewayClient(options.baseUrl, options.stats, randomUUID(), options.requestTimeoutMs);
    const step = async (answer: Promise<GatewayAnswer>): Promise<GatewayAnswer> => {
      const result = await answer;
      await sleep(result.retryAfterS ? result.retryAfterS * 1_000 : options.thinkMs);
      return result;
    };

    const listed = await step(call({ route: 'GET /api/products', method: 'GET', path: '/api/products?page_size=20' }));
    const products = (listed.body['products'] as { id: string }[] | undefined) ?? [];
    if (products.length === 0) continue;
    const product = pick(products).id;
    await step(call({ route: 'GET /api/products/:id', method: 'GET', path: `/api/products/${product}` }));
    if (random() < 0.3) await step(call({ route: 'GET /api/products?q=', method: 'GET', path: `/api/products?q=${pick(SEARCH_TERMS)}` }));
    const quantity = 1 + Math.floor(random() * 2);
    const carted = await step(call({ route: 'POST /api/cart/items', method: 'POST', path: '/api/cart/items', token: options.token, body: { productId: product, quantity } }));
    if (carted.status !== 200 || random() >= options.checkoutRatio) continue;

    await step(call({ route: 'GET /api/shipping/quote', method: 'GET', path: `/api/shipping/quote?items=${product}:${quantity}&country=DE` }));
    const placed = await step(
      call({
        route: 'POST /api/checkout',
        method: 'POST',
        path: '/api/checkout',
        token: options.token,
        body: { shippingAddress: ADDRESS, cardToken: pick(CARD_TOKENS) },
        headers: { 'idempotency-key': randomUUID() },
      }),
    );
    if (placed.status === 202) await followOrder(String(placed.body['orderId']), options, call);
  }
}

async function followOrder(orderId: string, options: ShopperOptions, call: ReturnType<typeof gatewayClient>): Promise<void> {
  const accepted = performance.now();
  while (performance.now() - accepted < options.settleTimeoutMs) {
    await sleep(500);
    const { body } = await call({ route: 'GET /api/orders/:id', method: 'GET', path: `/api/orders/${orderId}`, token: options.token });
    const status = String(body['status'] ?? '');
    if (status === 'SHIPPED' || status === 'CANCELLED') return options.stats.recordSaga(status, performance.now() - accepted);
  }
  options.stats.recordSaga('UNSETTLED');
}
