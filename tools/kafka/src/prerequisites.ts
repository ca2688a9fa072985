import { spawnSync } from 'node:child_process';

/** Thrown when `java` or `mvn` cannot be run; the message says what to install. */
export class KafkaPrerequisiteError extends Error {
  override name = 'KafkaPrerequisiteError';
}

function runs(command: string, args: string[], env: NodeJS.ProcessEnv): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000, env });
  return !result.error && result.status === 0;
}

const INSTALL_HINT =
  'The local Kafka broker runs on the JVM from Maven Central artifacts. ' +
  'Install a Java 17+ JDK and Apache Maven 3.8+ (Debian/Ubuntu: `apt-get install openjdk-17-jdk-headless maven`), ' +
  'or set KAFKA_BROKERS to use a broker you already have.';

/** Checks `java` (always needed) and, when artifacts must still be resolved, `mvn`. */
export function assertPrerequisites(options: { needMaven: boolean; env?: NodeJS.ProcessEnv }): void {
  const env = options.env ?? process.env;
  const missing: string[] = [];
  if (!runs('java', ['-version'], env)) missing.push('java');
  if (options.needMaven && !runs('mvn', ['-v'], env)) missing.push('mvn');
  if (missing.length > 0) {
    throw new KafkaPrerequisiteError(`Cannot run ${missing.map((m) => `\`${m}\``).join(' and ')}. ${INSTALL_HINT}`);
  }
}
