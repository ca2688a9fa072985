import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface JavaProcess {
  pid: number;
  /** Resolves with the exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if still running after graceMs. */
  stop(graceMs: number): Promise<void>;
}

// Small heap, and C1 only: the broker starts faster and uses less CPU on a shared 2-core machine.
const JVM_OPTIONS = ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];

// Brokers still running when this Node process exits are killed, so a crash leaves no JVM behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Runs `java <mainClass> <args>` with stdout and stderr appended to logFile. */
export function startJava(options: {
  classpath: string;
  mainClass: string;
  args: string[];
  logFile: string;
  systemProperties?: Record<string, string>;
}): JavaProcess {
  const properties = Object.entries(options.systemProperties ?? {}).map(([key, value]) => `-D${key}=${value}`);
  const log = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn('java', [...JVM_OPTIONS, ...properties, options.mainClass, ...options.args], {
      // The classpath goes through the environment: it is long and would clutter `ps` output.
      env: { ...process.env, CLASSPATH: options.classpath },
      stdio: ['ignore', log, log],
    });
  } finally {
    closeSync(log);
  }
  running.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  }).finally(() => running.delete(child));
  let done = false;
  void exited.then(() => (done = true));

  return {
    pid: child.pid ?? -1,
    exited,
    stop: async (graceMs) => {
      if (done) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
      const outcome = await Promise.race([exited, graceOver]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Runs a Java tool to completion; rejects with its output when it exits non-zero. */
export async function runJava(options: Parameters<typeof startJava>[0]): Promise<void> {
  const code = await startJava(options).exited;
  if (code !== 0) throw new Error(`${options.mainClass} exited with ${code}`);
}
