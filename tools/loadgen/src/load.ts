import { runShopper, type ShopperOptions } from './shopper.js';
import { LoadStats } from './stats.js';

export interface LoadOptions {
  baseUrl: string;
  users: number;
  durationMs: number;
  /** Each shopper stops after this many sessions, even before `durationMs` is up (default: no limit). */
  sessionsPerUser?: number;
  /** A bearer token for virtual user `user` (e.g. "load-3"). */
  tokenFor: (user: string) => Promise<string>;
  checkoutRatio?: number;
  thinkMs?: number;
  settleTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Called every `progressEveryMs` with the stats so far and the index of the first request since the last call. */
  onProgress?: (stats: LoadStats, sinceIndex: number) => void;
  progressEveryMs?: number;
}

/**
 * Runs `users` shoppers for `durationMs` or `sessionsPerUser` sessions, whichever ends first (starts spread
 * over the first seconds), then lets each finish its session — a followed checkout included — and returns what they saw.
 */
export async function runLoad(options: LoadOptions): Promise<LoadStats> {
  const stats = new LoadStats();
  const deadline = Date.now() + options.durationMs;
  const tokens = await Promise.all(Array.from({ length: options.users }, (_, i) => options.tokenFor(`load-${i + 1}`)));
  let reported = 0;
  const progress = options.onProgress
    ? setInterval(() => {
        options.onProgress?.(stats, reported);
        reported = stats.requestCount;
      }, options.progressEveryMs ?? 10_000)
    : undefined;
  const shared: Omit<ShopperOptions, 'token' | 'stopped'> = {
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    stats,
    checkoutRatio: options.checkoutRatio ?? 0.3,
    thinkMs: options.thinkMs ?? 500,
    settleTimeoutMs: options.settleTimeoutMs ?? 60_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
  };
  const sessionLimit = options.sessionsPerUser ?? Number.POSITIVE_INFINITY;
  const spreadMs = Math.min(2_000, options.durationMs / 4) / Math.max(1, options.users);
  try {
    await Promise.all(
      tokens.map(async (token, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * spreadMs));
        let sessions = 0;
        await runShopper({ ...shared, token, stopped: () => Date.now() >= deadline || sessions++ >= sessionLimit });
      }),
    );
  } finally {
    clearInterval(progress);
  }
  return stats;
}
