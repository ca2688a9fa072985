#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { KafkaPrerequisiteError } from './prerequisites.js';
import { resolveKafka } from './resolve-classpath.js';
import { startKafka } from './start-kafka.js';
import { tailFile } from './log-tail.js';

const USAGE = `Usage:
  kafka-local start [--port 9092] [--controller-port N] [--data-dir DIR] [--log-dir DIR] [--kafka-version V]
      Runs a single-node Kafka broker in the foreground (data in .data/kafka/ by default). Ctrl-C stops it.
  kafka-local resolve [--kafka-version V]
      Downloads the broker's artifacts into ~/.m2 and caches the classpath (CI warm-up).`;

function parsePort(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`${name} must be a port number, got "${value}"`);
  return port;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'controller-port': { type: 'string' },
      'data-dir': { type: 'string' },
      'log-dir': { type: 'string' },
      'kafka-version': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'resolve') {
    const started = Date.now();
    const resolved = await resolveKafka(values['kafka-version']);
    const jars = resolved.classpath.split(':').length;
    const how = resolved.resolvedNow ? 'resolved with Maven' : 'cached classpath still valid';
    console.log(`Kafka ${resolved.version}: ${jars} jars in ~/.m2 (${how}, ${Date.now() - started} ms)`);
    return 0;
  }
  if (command !== 'start') throw new UsageError(`unknown command "${command}"`);

  const kafka = await startKafka({
    port: parsePort(values.port, '--port'),
    controllerPort: parsePort(values['controller-port'], '--controller-port'),
    dataDir: values['data-dir'],
    logDir: values['log-dir'],
    version: values['kafka-version'],
  });
  console.log(`Kafka ${kafka.version} ready at ${kafka.brokers} (data: ${kafka.dataDir}, log: ${kafka.logFile})`);
  console.log(`export KAFKA_BROKERS=${kafka.brokers}`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      console.log('Stopping Kafka…');
      void kafka.stop().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    void kafka.exited().then((code) => {
      if (stopping) return;
      console.error(`Kafka exited unexpectedly (code ${code}). Last lines of ${kafka.logFile}:\n${tailFile(kafka.logFile)}`);
      resolve(1);
    });
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof KafkaPrerequisiteError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
