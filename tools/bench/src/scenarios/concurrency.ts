import { performance } from 'node:perf_hooks';
import type { RunResult } from '../scenario.js';

/** Runs `operation(0 … ops-1)` with at most `concurrency` in flight, recording each one's latency. */
export async function runConcurrently(ops: number, concurrency: number, operation: (index: number) => Promise<unknown>): Promise<RunResult> {
  const latenciesMs = new Array<number>(ops);
  let next = 0;
  const worker = async () => {
    while (next < ops) {
      const index = next++;
      const started = performance.now();
      await operation(index);
      latenciesMs[index] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ops) }, worker));
  return { ops, latenciesMs };
}
