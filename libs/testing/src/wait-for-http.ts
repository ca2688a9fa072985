import { waitFor, type WaitForOptions } from './wait-for.js';

/** Polls `url` with GET until it answers 2xx. */
export async function waitForHttp(url: string, options: WaitForOptions = {}): Promise<void> {
  await waitFor(
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return true;
    },
    { what: `HTTP 2xx from ${url}`, ...options },
  );
}
