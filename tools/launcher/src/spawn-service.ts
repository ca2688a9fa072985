import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { LogTail } from './log-tail.js';
import type { ServiceCommand } from './service-command.js';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

/** A running service: its output goes to its log file, a tail, and listeners. */
export interface ServiceProcess {
  readonly name: string;
  readonly pid: number | undefined;
  readonly logFile: string;
  /** Resolves once the process is gone and its output is flushed to the log file. */
  readonly exited: Promise<ExitInfo>;
  /** The exit, once it happened. */
  exit(): ExitInfo | undefined;
  /** The last output lines, raw. */
  lastLines(count?: number): string[];
  /** Called for every output line from now on. */
  onLine(listener: (line: string) => void): void;
  /** Signals the service's whole process group; false if it is already gone. */
  signal(signal: NodeJS.Signals): boolean;
}

const TAIL_LINES = 50;

export function spawnService(name: string, command: ServiceCommand, logDir: string): ServiceProcess {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const tail = new LogTail(TAIL_LINES);
  const listeners: ((line: string) => void)[] = [];
  let exitInfo: ExitInfo | undefined;

  // Own process group: a terminal's Ctrl-C reaches only the launcher, which
  // then stops services in reverse start order instead of all at once.
  const child = spawn(command.command, command.args, {
    cwd: command.cwd,
    env: command.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });

  const onLine = (line: string) => {
    log.write(`${line}\n`);
    tail.push(line);
    for (const listener of listeners) listener(line);
  };
  const outputDone = Promise.all([readLines(child.stdout, onLine), readLines(child.stderr, onLine)]);

  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (error) => {
      // Failing to spawn emits 'error' without a later 'exit'.
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  }).then(async (info) => {
    await outputDone;
    log.end();
    await once(log, 'finish').catch(() => undefined);
    exitInfo = info;
    return info;
  });

  return {
    name,
    pid: child.pid,
    logFile,
    exited,
    exit: () => exitInfo,
    lastLines: (count) => tail.last(count),
    onLine: (listener) => void listeners.push(listener),
    signal(signal) {
      if (exitInfo || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return false;
      try {
        process.kill(-child.pid, signal);
        return true;
      } catch {
        return child.kill(signal);
      }
    },
  };
}

async function readLines(stream: Readable, onLine: (line: string) => void): Promise<void> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) onLine(line);
  } catch {
    // A broken pipe ends the output; the exit is reported separately.
  }
}

/** `exited with code 1`, `was killed by SIGKILL`, `could not start: …`. */
export function describeExit(exit: ExitInfo): string {
  if (exit.error) return `could not start: ${exit.error.message}`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? '?'}`;
}
