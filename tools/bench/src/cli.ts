#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureScenario, type ScenarioResult } from './measure.js';
import { formatReport } from './report.js';
import { scenarios } from './scenarios/index.js';

const USAGE = `usage: npm run bench [-- --only <name,…>] [--rounds <n>] [--quick] [--out <dir>]
scenarios: ${scenarios.map((s) => s.name).join(', ')}`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { only: { type: 'string' }, rounds: { type: 'string', default: '5' }, quick: { type: 'boolean' }, out: { type: 'string', default: '.data/bench' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) return (console.log(USAGE), 0);
  const rounds = Number(values.rounds);
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !scenarios.some((s) => s.name === name)) ?? [];
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50 || unknown.length > 0) {
    console.error(`${unknown.length > 0 ? `unknown scenario: ${unknown.join(', ')}` : '--rounds must be 1 to 50'}\n${USAGE}`);
    return 2;
  }
  const kafkaBrokers = process.env['KAFKA_BROKERS'];
  if (!kafkaBrokers) {
    console.error('KAFKA_BROKERS is not set: run through `npm run bench`, which starts a local broker');
    return 2;
  }
  const environment = { kafkaBrokers, postgresUrl: process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' };

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios.filter((s) => !only || only.includes(s.name))) {
    console.error(`running ${scenario.name}…`);
    results.push(await measureScenario(scenario, environment, { rounds, scale: values.quick ? 10 : 1 }));
  }
  console.log(formatReport(results));
  const machine = { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version };
  await mkdir(values.out, { recursive: true });
  const file = join(values.out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), machine, rounds, quick: Boolean(values.quick), results }, null, 2)}\n`);
  console.log(`\nresults: ${file}`);
  return results.every((r) => r.met) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
