import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceSpec } from './service-spec.js';

export type ReadinessResult = 'ready' | 'timeout' | 'aborted';

export interface WaitOptions {
  timeoutMs: number;
  /** Stops waiting early, e.g. when the process exits or the user hits Ctrl-C. */
  signal?: AbortSignal;
  intervalMs?: number;
}

export function readinessUrl(spec: ServiceSpec): string {
  const port = spec.ports.find((p) => p.name === spec.readiness.port);
  if (!port) throw new Error(`${spec.name}: readiness port "${spec.readiness.port}" is not one of its ports`);
  return `http://127.0.0.1:${port.port}${spec.readiness.path}`;
}

/** Polls `url` until it answers 200, the timeout passes, or `signal` aborts. */
export async function waitForReady(url: string, options: WaitOptions): Promise<ReadinessResult> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 200;
  for (;;) {
    if (options.signal?.aborted) return 'aborted';
    const remaining = deadline - Date.now();
    if (remaining <= 0) return 'timeout';
    if (await answers200(url, Math.min(remaining, 2000))) return 'ready';
    try {
      await sleep(Math.min(interval, Math.max(0, deadline - Date.now())), undefined, { signal: options.signal });
    } catch {
      return 'aborted';
    }
  }
}

/** One probe; no keep-alive, so no socket outlives it. */
function answers200(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}
