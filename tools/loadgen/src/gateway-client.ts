import { performance } from 'node:perf_hooks';
import type { LoadStats } from './stats.js';

export interface GatewayAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Seconds to wait, from a 429's Retry-After. */
  retryAfterS?: number;
}

export interface GatewayCall {
  route: string;
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One shopper's HTTP calls to the gateway, each recorded under its route template. */
export function gatewayClient(baseUrl: string, stats: LoadStats, sessionId: string, timeoutMs: number) {
  return async (call: GatewayCall): Promise<GatewayAnswer> => {
    const started = performance.now();
    let status = 0;
    try {
      const response = await fetch(`${baseUrl}${call.path}`, {
        method: call.method,
        headers: {
          'x-session-id': sessionId,
          ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...call.headers,
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      const text = await response.text();
      const retryAfter = Number(response.headers.get('retry-after'));
      return {
        status,
        body: text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : {},
        ...(status === 429 && retryAfter > 0 ? { retryAfterS: retryAfter } : {}),
      };
    } catch {
      return { status: 0, body: {} };
    } finally {
      stats.record({ route: call.route, status, ms: performance.now() - started });
    }
  };
}
