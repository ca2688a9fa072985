import { describe, expect, it } from '@jest/globals';
import { measureScenario } from './measure.js';
import { formatReport } from './report.js';
import type { Scenario, Workload } from './scenario.js';
import { percentile } from './statistics.js';

/** A workload that reports its own duration: `ops / rate` seconds, with the rates given round by round. */
function selfTimed(rates: number[]): Workload & { calls: number[] } {
  const calls: number[] = [];
  const workload = async (ops: number) => {
    calls.push(ops);
    return { ops, seconds: ops / (rates[calls.length - 1] ?? Number.NaN), latenciesMs: [calls.length] };
  };
  return Object.assign(workload, { calls });
}

function scenarioOf(baseline: Workload, candidate: Workload, minRatio = 0.5, closed: string[] = []): Scenario {
  return {
    name: 'synthetic',
    description: 'known rates',
    baselineLabel: 'base',
    candidateLabel: 'cand',
    opsPerRound: 1_000,
    target: { minRatio, why: 'test' },
    prepare: async () => ({ baseline, candidate, close: async () => void closed.push('closed') }),
  };
}

const environment = { kafkaBrokers: 'unused:9092', postgresUrl: 'postgres://unused' };

describe('measureScenario', () => {
  it('warms each side up once, then alternates rounds and compares median throughputs', async () => {
    // first rate of each side is the warm-up and must not count
    const baseline = selfTimed([1, 100, 300, 200]);
    const candidate = selfTimed([1_000_000, 50, 70, 60]);
    const closed: string[] = [];
    const result = await measureScenario(scenarioOf(baseline, candidate, 0.25, closed), environment, { rounds: 3, scale: 10 });
    expect(baseline.calls).toEqual([100, 100, 100, 100]);
    expect(result.baseline.roundsOpsPerSecond).toEqual([100, 300, 200]);
    expect(result.baseline.opsPerSecond).toBe(200);
    expect(result.candidate.opsPerSecond).toBe(60);
    expect(result.ratio).toBeCloseTo(0.3);
    expect(result.met).toBe(true);
    expect(result.candidate.latencyMs).toEqual({ p50: 3, p99: 4 });
    expect(closed).toEqual(['closed']);
  });

  it('flags a ratio under the target, and the report says so', async () => {
    const result = await measureScenario(scenarioOf(selfTimed([1, 100]), selfTimed([1, 40])), environment, { rounds: 1, scale: 1 });
    expect(result.met).toBe(false);
    expect(formatReport([result])).toMatch(/ratio\s+0\.40 \(target ≥ 0\.5\)\s+BELOW TARGET \(test\)/);
  });

  it('refuses a workload that did less than asked, and still closes the scenario', async () => {
    const closed: string[] = [];
    const short: Workload = async (ops) => ({ ops: ops - 1, seconds: 1 });
    await expect(measureScenario(scenarioOf(selfTimed([1, 1]), short, 0.5, closed), environment, { rounds: 1, scale: 1 })).rejects.toThrow(/asked for 1000 operations completed 999/);
    expect(closed).toEqual(['closed']);
  });
});

describe('percentile', () => {
  it('is the nearest-rank percentile', () => {
    const samples = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });
});
