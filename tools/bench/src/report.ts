import type { ScenarioResult, SideResult } from './measure.js';

const rate = (opsPerSecond: number) => `${Math.round(opsPerSecond).toLocaleString('en-US')}/s`;
const latency = (side: SideResult) => (side.latencyMs ? `p50 ${side.latencyMs.p50.toFixed(2)} ms, p99 ${side.latencyMs.p99.toFixed(2)} ms` : '');

/** One block per scenario: both sides' median throughput (and latency), the ratio and its target. */
export function formatReport(results: readonly ScenarioResult[]): string {
  return results
    .map((result) => {
      const verdict = result.met ? 'ok' : `BELOW TARGET (${result.target.why})`;
      return [
        `${result.name}: ${result.description} (${result.opsPerRound.toLocaleString('en-US')} ops per round)`,
        `  baseline   ${result.baseline.label.padEnd(34)} ${rate(result.baseline.opsPerSecond).padStart(12)}  ${latency(result.baseline)}`,
        `  candidate  ${result.candidate.label.padEnd(34)} ${rate(result.candidate.opsPerSecond).padStart(12)}  ${latency(result.candidate)}`,
        `  ratio      ${result.ratio.toFixed(2)} (target ≥ ${result.target.minRatio})  ${verdict}`,
      ].join('\n');
    })
    .join('\n\n');
}
