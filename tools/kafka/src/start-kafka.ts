import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderBrokerConfig } from './broker-config.js';
import { freePort } from './free-port.js';
import { runJava, startJava, type JavaProcess } from './java-process.js';
import { tailFile } from './log-tail.js';
import { defaultDataDir } from './paths.js';
import { resolveKafka } from './resolve-classpath.js';
import { waitUntilReady } from './wait-ready.js';

export interface StartKafkaOptions {
  /** Client (PLAINTEXT) port on 127.0.0.1. Default 9092; 0 picks a free port. */
  port?: number;
  /** KRaft controller port on 127.0.0.1. Default 0: a free port. */
  controllerPort?: number;
  /** Default `.data/kafka/` under the repository root; tests pass a temp dir. */
  dataDir?: string;
  /** Where broker.log goes. Default `<dataDir>/logs`. */
  logDir?: string;
  /** Apache Kafka version. Default: the pinned KAFKA_VERSION. */
  version?: string;
  /** How long to wait for the broker to accept clients. Default 120 000 ms. */
  readyTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. Default 20 000 ms. */
  stopGraceMs?: number;
}

export interface LocalKafka {
  /** Bootstrap address, "127.0.0.1:<port>". */
  brokers: string;
  dataDir: string;
  logFile: string;
  version: string;
  /** Process id of the running broker JVM (changes on restart). */
  readonly pid: number;
  /** Resolves when the current broker process exits, with its exit code (null: killed by a signal). */
  exited(): Promise<number | null>;
  /** Clean shutdown: SIGTERM, wait, SIGKILL after the grace period. Idempotent. */
  stop(): Promise<void>;
  /** stop() then start again on the same ports and data dir. */
  restart(): Promise<void>;
}

/** Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding (22 chars). */
function newClusterId(): string {
  return randomBytes(16).toString('base64url');
}

/** Starts a single-node KRaft broker and resolves once it accepts clients. */
export async function startKafka(options: StartKafkaOptions = {}): Promise<LocalKafka> {
  const { version, classpath } = await resolveKafka(options.version);
  const dataDir = resolve(options.dataDir ?? defaultDataDir);
  const logDir = resolve(options.logDir ?? join(dataDir, 'logs'));
  const logFile = join(logDir, 'broker.log');
  const configFile = join(dataDir, 'server.properties');
  const storageDir = join(dataDir, 'data');
  const port = options.port === 0 ? await freePort() : (options.port ?? 9092);
  const controllerPort = options.controllerPort ? options.controllerPort : await freePort();
  const brokers = `127.0.0.1:${port}`;
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const stopGraceMs = options.stopGraceMs ?? 20_000;
  const logging = {
    'org.slf4j.simpleLogger.showDateTime': 'true',
    'org.slf4j.simpleLogger.dateTimeFormat': "yyyy-MM-dd'T'HH:mm:ss.SSS",
  };
  const java = { classpath, logFile, systemProperties: logging };

  await mkdir(storageDir, { recursive: true });
  await mkdir(logDir, { recursive: true });
  await writeFile(configFile, renderBrokerConfig({ port, controllerPort, logDirs: storageDir }));

  if (!existsSync(join(storageDir, 'meta.properties'))) {
    try {
      await runJava({
        ...java,
        mainClass: 'kafka.tools.StorageTool',
        // '=' form: a base64url id may start with '-', which the parser would take for an option
        args: ['format', `--cluster-id=${newClusterId()}`, '--config', configFile, '--ignore-formatted'],
      });
    } catch (error) {
      throw new Error(`Formatting Kafka storage in ${storageDir} failed: ${(error as Error).message}\n${tailFile(logFile)}`, {
        cause: error,
      });
    }
  }

  let broker: JavaProcess | undefined;
  const launch = async (): Promise<void> => {
    const started = startJava({ ...java, mainClass: 'kafka.Kafka', args: [configFile] });
    broker = started;
    const problem = await waitUntilReady(brokers, started.exited, readyTimeoutMs);
    if (problem) {
      await started.stop(stopGraceMs);
      throw new Error(
        `Kafka ${version} at ${brokers} failed to start: ${problem}. Data: ${dataDir}. ` +
          `Last lines of ${logFile}:\n${tailFile(logFile)}`,
      );
    }
  };
  const stop = async (): Promise<void> => {
    await broker?.stop(stopGraceMs);
  };
  await launch();

  return {
    brokers,
    dataDir,
    logFile,
    version,
    get pid() {
      return broker?.pid ?? -1;
    },
    exited: () => broker?.exited ?? Promise.resolve(null),
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}
