#!/usr/bin/env node
/**
 * `npm start`: runs every Bazaar service from its built `dist/main.js`, in
 * catalog order, and supervises them until Ctrl-C.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { services } from '@bazaar/service-catalog';
import { missingCallees, parseLauncherArgs, selectServices, usage, UsageError } from './args.js';
import { withCalleeAddresses, withDataDirs, withPortOffset } from './embedded-wiring.js';
import { launch } from './launch.js';
import { startLocalTraces } from './local-traces.js';
import { provisionTopics } from './provision-topics.js';
import { findRepoRoot } from './repo-root.js';
import { buildServiceCommand, defaultEntryScript } from './service-command.js';

function parseCommandLine() {
  try {
    const args = parseLauncherArgs(process.argv.slice(2), process.env);
    const wired = withDataDirs(withCalleeAddresses(withPortOffset(services, args.portOffset)), args.dataDir);
    return { args, specs: selectServices(wired, args.only) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
}

const { args, specs } = parseCommandLine();
if (args.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
for (const warning of missingCallees(specs)) process.stdout.write(`note: ${warning}\n`);

const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
const unbuilt = specs.map((spec) => defaultEntryScript(repoRoot, spec)).filter((script) => !existsSync(script));
if (unbuilt.length > 0) {
  const list = unbuilt.map((script) => relative(repoRoot, script)).join(', ');
  process.stderr.write(`not built: ${list}\nRun \`npm start\` (it builds first) or \`npx nx run-many -t build\`.\n`);
  process.exit(1);
}

if (process.env['KAFKA_BROKERS']) {
  try {
    const { brokers, created, total } = await provisionTopics(process.env);
    process.stdout.write(`Kafka at ${brokers}: ${total} topics ready (${created.length} created now)\n`);
  } catch (error) {
    process.stderr.write(`Kafka topics could not be created: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

const dataDir = args.dataDir ?? join(repoRoot, '.data');
// Before any service starts: it points the services' OTLP exporter at the launcher.
const localTraces = await startLocalTraces(process.env, dataDir);

const running = launch(specs, {
  commandFor: (spec) => buildServiceCommand(spec, { repoRoot, baseEnv: process.env }),
  logDir: join(dataDir, 'logs'),
  ...(localTraces ? { localTraceFile: localTraces.file } : {}),
  readyTimeoutMs: args.readyTimeoutMs,
  graceMs: args.graceMs,
  streamLogs: !args.quiet,
  out: process.stdout,
  color: process.stdout.isTTY && process.stdout.hasColors(),
});

let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals += 1;
  if (signals === 1) {
    process.stdout.write(`\n${signal}: stopping (press Ctrl-C again to kill right away)\n`);
    running.stop();
  } else {
    running.kill();
  }
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// Services run in their own process groups, so nothing else would end them
// if the launcher itself dies.
process.on('exit', () => running.kill());

const outcome = await running.finished;
// Only now: stopping services flush their last spans to it.
await localTraces?.close();
process.exitCode = outcome.exitCode;
