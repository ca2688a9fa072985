#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodeOf } from './exit-code.js';
import { startKafka, type LocalKafka } from './start-kafka.js';

/**
 * `with-kafka [--persistent] -- <command...>`: runs the command with KAFKA_BROKERS set. When the
 * variable is unset, a broker is started for the command's lifetime and always stopped after it:
 * in a temp dir on a free port, or with --persistent (for `npm start`) on 127.0.0.1:9092 with its
 * data kept in .data/kafka/.
 */
const USAGE = 'Usage: with-kafka [--persistent] -- <command> [args...]';
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function runCommand([program, ...args]: [string, ...string[]], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    child.once('error', (error) => {
      console.error(`with-kafka: cannot run ${program}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED_SIGNALS) process.off(s, forward);
      resolve(exitCodeOf(code, signal));
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const separator = argv.indexOf('--');
  const options = separator >= 0 ? argv.slice(0, separator) : [];
  const [program, ...args] = separator >= 0 ? argv.slice(separator + 1) : argv;
  const persistent = options.includes('--persistent');
  if (!program || options.some((option) => option !== '--persistent')) {
    console.error(USAGE);
    return 2;
  }
  const command: [string, ...string[]] = [program, ...args];
  if (process.env['KAFKA_BROKERS']) return runCommand(command, process.env);

  // Until the command runs, a signal only means: give up. Afterwards the command gets it (above).
  let interrupted = false;
  const onSignal = () => (interrupted = true);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, onSignal);

  const tempDir = persistent ? undefined : await mkdtemp(join(tmpdir(), 'with-kafka-'));
  let kafka: LocalKafka | undefined;
  let exitCode = 1;
  try {
    kafka = await startKafka(tempDir ? { port: 0, dataDir: tempDir } : {});
    console.error(`with-kafka: Kafka ${kafka.version} at ${kafka.brokers} for this run`);
    exitCode = interrupted ? 130 : await runCommand(command, { ...process.env, KAFKA_BROKERS: kafka.brokers });
  } catch (error) {
    console.error(`with-kafka: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await kafka?.stop();
    if (kafka && tempDir && exitCode !== 0) {
      const kept = join(tmpdir(), `with-kafka-broker-${process.pid}.log`);
      await copyFile(kafka.logFile, kept).catch(() => undefined);
      console.error(`with-kafka: the command failed; the broker's log is kept at ${kept}`);
    }
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    for (const signal of FORWARDED_SIGNALS) process.off(signal, onSignal);
  }
  return exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
