import { randomUUID } from 'node:crypto';
import type { Scenario } from './scenario.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CheckoutLoad {
  /** The order each checkout's idempotency key ended as. */
  orderIdsByKey: Map<string, string>;
  /** gRPC codes of the refused attempts (each retried with the same key until accepted). */
  refusals: (number | undefined)[];
  /** Stops placing new checkouts; resolves once every started one was accepted. */
  stop(): Promise<void>;
}

/**
 * `workers` clients placing checkouts one after another, whichever orders instance `scenario.orders` is at
 * the moment. A refused call is retried with the same idempotency key, as the gateway's callers retry with
 * their Idempotency-Key, so each checkout ends as exactly one order.
 */
export function startCheckoutLoad(scenario: Scenario, user: string, lines: { productId: string; quantity: number }[], workers: number): CheckoutLoad {
  const orderIdsByKey = new Map<string, string>();
  const refusals: (number | undefined)[] = [];
  let loading = true;
  const placeUntilAccepted = async (key: string) => {
    for (;;) {
      try {
        return (await scenario.place(user, key, lines)).orderId;
      } catch (error) {
        refusals.push((error as { code?: number }).code);
        await sleep(50);
      }
    }
  };
  const worker = async () => {
    while (loading) {
      const key = `load-${randomUUID()}`;
      orderIdsByKey.set(key, await placeUntilAccepted(key));
    }
  };
  const running = Array.from({ length: workers }, worker);
  return {
    orderIdsByKey,
    refusals,
    async stop() {
      loading = false;
      await Promise.all(running);
    },
  };
}
