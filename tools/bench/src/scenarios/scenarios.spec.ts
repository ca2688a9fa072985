import { describe, expect, it } from '@jest/globals';
import { measureScenario } from '../measure.js';
import { scenarios } from './index.js';

// Each benchmark run tiny against the real broker and PostgreSQL: proves the scenarios work, never how fast.
const environment = {
  kafkaBrokers: process.env['KAFKA_BROKERS'] ?? '',
  postgresUrl: process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};

describe('benchmark scenarios (smoke: a small round each, no timing asserted)', () => {
  it('have unique names and a target that says where it comes from', () => {
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
    for (const scenario of scenarios) {
      expect(scenario.target.minRatio).toBeGreaterThan(0);
      expect(scenario.target.why).not.toHaveLength(0);
    }
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s runs both sides to completion', async (_name, scenario) => {
    const result = await measureScenario(scenario, environment, { rounds: 1, scale: Math.max(1, Math.ceil(scenario.opsPerRound / 200)) });
    for (const side of [result.baseline, result.candidate]) {
      expect(side.roundsOpsPerSecond).toHaveLength(1);
      expect(Number.isFinite(side.opsPerSecond) && side.opsPerSecond > 0).toBe(true);
    }
    expect(Number.isFinite(result.ratio)).toBe(true);
  }, 120_000);
});
