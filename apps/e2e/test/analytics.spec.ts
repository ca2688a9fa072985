import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@bazaar/testing';
import { randomUUID } from 'node:crypto';
import { launchSystem, type LaunchedSystem } from './launched-system.js';

interface Funnel {
  viewed: string;
  carted: string;
  ordered: string;
  shipped: string;
}
interface FunnelWindow {
  window: { kind: string; start: string; end: string; closed: boolean };
  funnel: Funnel;
}
type Counts = Record<keyof Funnel, number>;

const MUG = '6E92ZMYYFZ';
const address = { name: 'Ada Lovelace', street: '12 Analytical Way', city: 'Berlin', postalCode: '10115', countryCode: 'DE' };

/** The `metrics` events of an SSE response, read in the background. */
function readMetricsEvents(body: ReadableStream<Uint8Array>): { updates: { funnel: Funnel; window: FunnelWindow['window'] }[]; done: Promise<void> } {
  const updates: { funnel: Funnel; window: FunnelWindow['window'] }[] = [];
  const done = (async () => {
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for await (const chunk of body) {
        pending += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const frame = pending.slice(0, end);
          pending = pending.slice(end + 2);
          const data = /^event: metrics\ndata: (.*)$/m.exec(frame)?.[1];
          if (data) updates.push(JSON.parse(data) as (typeof updates)[number]);
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return { updates, done };
}

/**
 * Clickstream → Kafka → analytics → gateway, on the whole system as `npm
 * start` runs it. Other suites publish on the same broker, so the checks are
 * "grew by at least what this test did", never exact totals.
 */
describe('live analytics through npm start', () => {
  let system: LaunchedSystem;

  beforeAll(async () => {
    system = await launchSystem();
  }, 240_000);

  afterAll(async () => {
    if (!system) return;
    expect(await system.stop()).toBe(0);
  }, 90_000);

  const request = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const response = await fetch(`${system.gatewayUrl}${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('counts a browse → cart → checkout in the funnel of its 1-minute window and streams the update', async () => {
    const operator = { authorization: `Bearer ${system.tokenFor('operator', ['analytics:read'])}` };
    // Windows of the minute before, this one and the next: the actions below cannot fall outside.
    const from = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const range = `window=1m&from=${from.toISOString()}&to=${new Date(from.getTime() + 180_000).toISOString()}`;
    const totals = async (): Promise<Counts> => {
      const { status, body } = await request('GET', `/api/analytics/funnel?${range}`, operator);
      expect(status).toBe(200);
      const sum = (stage: keyof Funnel) => (body['windows'] as FunnelWindow[]).reduce((n, w) => n + Number(w.funnel[stage]), 0);
      return { viewed: sum('viewed'), carted: sum('carted'), ordered: sum('ordered'), shipped: sum('shipped') };
    };

    const controller = new AbortController();
    const stream = await fetch(`${system.gatewayUrl}/api/analytics/stream?window=1m`, { headers: operator, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const { updates, done } = readMetricsEvents(stream.body!);
    const before = await totals();
    const updatesBefore = updates.length;

    // three sessions look at the mug, two put it in the cart, one checks out
    const sessions = [1, 2, 3].map(() => `e2e-${randomUUID()}`);
    for (const session of sessions) expect((await request('GET', `/api/products/${MUG}`, { 'x-session-id': session })).status).toBe(200);
    for (const [i, session] of sessions.slice(0, 2).entries()) {
      const shopper = { 'x-session-id': session, authorization: `Bearer ${system.tokenFor(`analyst-${i}`)}` };
      expect((await request('POST', '/api/cart/items', shopper, { productId: MUG, quantity: 1 })).status).toBe(200);
    }
    const buyer = { 'x-session-id': sessions[0]!, authorization: `Bearer ${system.tokenFor('analyst-0')}`, 'idempotency-key': randomUUID() };
    expect((await request('POST', '/api/checkout', buyer, { shippingAddress: address, cardToken: 'tok_visa' })).status).toBe(202);

    const after = await waitFor(
      async () => {
        const now = await totals();
        return now.viewed >= before.viewed + 3 && now.carted >= before.carted + 2 && now.ordered >= before.ordered + 1 ? now : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: `the funnel to grow by 3 viewed, 2 carted, 1 ordered from ${JSON.stringify(before)}` },
    );
    expect(after.viewed).toBeGreaterThanOrEqual(before.viewed + 3);

    const update = await waitFor(async () => updates.slice(updatesBefore).find((u) => Number(u.funnel.ordered) >= 1), {
      timeoutMs: 30_000,
      what: `a streamed update with an order; got ${JSON.stringify(updates)}`,
    });
    expect(update.window.kind).toBe('1m');
    expect(Date.parse(update.window.end) - Date.parse(update.window.start)).toBe(60_000);
    controller.abort();
    await done;
  }, 150_000);

  it("answers analytics only with a token carrying the analytics scope (a shopper's is 403), and bad parameters with 400", async () => {
    expect((await request('GET', '/api/analytics/funnel', {})).status).toBe(401);
    expect((await request('GET', '/api/analytics/funnel', { authorization: `Bearer ${system.tokenFor('shopper')}` })).status).toBe(403);
    const bad = await request('GET', '/api/analytics/top-products?window=2m', { authorization: `Bearer ${system.tokenFor('operator', ['analytics:read'])}` });
    expect(bad.status).toBe(400);
    expect(bad.body['errors']).toEqual([expect.objectContaining({ field: 'window' })]);
  });
});
