import { performance } from 'node:perf_hooks';
import type { RunResult, Scenario, ScenarioEnvironment, Workload } from './scenario.js';
import { median, percentile } from './statistics.js';

export interface MeasureOptions {
  /** Measured rounds per side (after one warm-up round each). */
  rounds: number;
  /** Divides the scenario's operations per round (the smoke test and --quick use it). */
  scale: number;
}

export interface SideResult {
  label: string;
  /** Throughput of each measured round (ops/s). */
  roundsOpsPerSecond: number[];
  opsPerSecond: number;
  latencyMs?: { p50: number; p99: number };
}

export interface ScenarioResult {
  name: string;
  description: string;
  opsPerRound: number;
  baseline: SideResult;
  candidate: SideResult;
  /** median candidate throughput / median baseline throughput. */
  ratio: number;
  target: Scenario['target'];
  met: boolean;
}

async function timed(workload: Workload, ops: number): Promise<RunResult & { seconds: number }> {
  const started = performance.now();
  const result = await workload(ops);
  const seconds = result.seconds ?? (performance.now() - started) / 1_000;
  if (result.ops !== ops) throw new Error(`a workload asked for ${ops} operations completed ${result.ops}`);
  return { ...result, seconds };
}

function summarize(label: string, runs: (RunResult & { seconds: number })[]): SideResult {
  const roundsOpsPerSecond = runs.map((run) => run.ops / run.seconds);
  const latencies = runs.flatMap((run) => run.latenciesMs ?? []);
  return {
    label,
    roundsOpsPerSecond,
    opsPerSecond: median(roundsOpsPerSecond),
    ...(latencies.length > 0 ? { latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) } } : {}),
  };
}

/**
 * Runs baseline and candidate in alternating rounds (B C B C …, after a warm-up of each), so drift
 * of a shared, noisy machine hits both sides alike; compares medians.
 */
export async function measureScenario(scenario: Scenario, environment: ScenarioEnvironment, options: MeasureOptions): Promise<ScenarioResult> {
  const ops = Math.max(1, Math.round(scenario.opsPerRound / options.scale));
  const prepared = await scenario.prepare(environment);
  try {
    await timed(prepared.baseline, ops);
    await timed(prepared.candidate, ops);
    const baselineRuns = [];
    const candidateRuns = [];
    for (let round = 0; round < options.rounds; round++) {
      baselineRuns.push(await timed(prepared.baseline, ops));
      candidateRuns.push(await timed(prepared.candidate, ops));
    }
    const baseline = summarize(scenario.baselineLabel, baselineRuns);
    const candidate = summarize(scenario.candidateLabel, candidateRuns);
    const ratio = candidate.opsPerSecond / baseline.opsPerSecond;
    return {
      name: scenario.name,
      description: scenario.description,
      opsPerRound: ops,
      baseline,
      candidate,
      ratio,
      target: scenario.target,
      met: ratio >= scenario.target.minRatio,
    };
  } finally {
    await prepared.close();
  }
}
