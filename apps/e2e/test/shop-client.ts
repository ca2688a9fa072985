import { expect } from '@jest/globals';
import { waitFor } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';
import type { LaunchedSystem } from './launched-system.js';

export interface Order {
  orderId: string;
  status: string;
  cancelReason?: string;
  trackingId?: string;
  timeline: { step: string; outcome: string }[];
}

export const address = { name: 'Ada Lovelace', street: '12 Analytical Way', city: 'Berlin', postalCode: '10115', countryCode: 'DE' };

/** A shopper's calls through the gateway of a launched system. */
export function shopClient(system: LaunchedSystem) {
  // Minting runs the mint-dev-token tool as a process: once per user, not once per request.
  const tokens = new Map<string, string>();
  const tokenOf = (user: string): string => {
    const token = tokens.get(user) ?? system.tokenFor(user);
    tokens.set(user, token);
    return token;
  };
  const call = async (method: string, path: string, user?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${system.gatewayUrl}${path}`, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${tokenOf(user)}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  /** Puts the product in the user's cart and checks out; resolves to the new order's id. */
  async function checkout(user: string, productId: string, quantity: number, cardToken: string): Promise<string> {
    expect((await call('POST', '/api/cart/items', user, { productId, quantity })).status).toBe(200);
    const placed = await call('POST', '/api/checkout', user, { shippingAddress: address, cardToken }, { 'idempotency-key': randomUUID() });
    expect(placed.status).toBe(202);
    expect(placed.headers.get('location')).toBe(`/api/orders/${String(placed.body['orderId'])}`);
    return String(placed.body['orderId']);
  }

  /** The order once it reached `status`. */
  async function settled(user: string, orderId: string, status: string): Promise<Order> {
    return waitFor(
      async () => {
        const { body } = await call('GET', `/api/orders/${orderId}`, user);
        return (body as unknown as Order).status === status ? (body as unknown as Order) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: `order ${orderId} to reach ${status}` },
    );
  }

  return { call, checkout, settled };
}
