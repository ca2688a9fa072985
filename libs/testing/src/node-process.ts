import { spawn, type ChildProcess } from 'node:child_process';
import { LineBuffer } from './line-buffer.js';

export interface StartNodeProcessOptions {
  /** Used in error messages. */
  name: string;
  /** Path of the script to run. */
  script: string;
  args?: string[];
  /** Added to (and overriding) the test process's environment. */
  env?: Record<string, string>;
  nodeArgs?: string[];
  cwd?: string;
}

export interface ChildService {
  pid: number;
  /** The last ~200 lines of stdout and stderr, interleaved as they arrived. */
  logs(): string[];
  /** Resolves with the exit code (null when ended by a signal); rejects after timeoutMs (default 10 000). */
  waitForExit(timeoutMs?: number): Promise<number | null>;
  /** Sends `signal` (default SIGTERM), then SIGKILL if still running after timeoutMs (default 5 000). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

// Children still running when the test process exits are killed, so a crashed suite leaves no servers behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Runs a Node script with the same Node binary as the test (process.execPath). */
export function startNodeProcess(options: StartNodeProcessOptions): ChildService {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const output = new LineBuffer(200);
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => output.write('stdout', chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.write('stderr', chunk));

  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      output.write('spawn', `failed to start ${options.name}: ${error.message}\n`);
      running.delete(child);
      resolve(null);
    });
    child.once('close', (code) => {
      output.end();
      running.delete(child);
      resolve(code);
    });
  });
  let done = false;
  void exited.then(() => (done = true));

  const waitForExit = async (timeoutMs = 10_000): Promise<number | null> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const tail = output.lines().slice(-20).join('\n');
        reject(new Error(`${options.name} (pid ${child.pid}) did not exit within ${timeoutMs} ms; last output:\n${tail}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    pid: child.pid ?? -1,
    logs: () => output.lines(),
    waitForExit,
    stop: async (signal = 'SIGTERM', timeoutMs = 5_000) => {
      if (done) return exited;
      child.kill(signal);
      try {
        return await waitForExit(timeoutMs);
      } catch {
        child.kill('SIGKILL');
        return exited;
      }
    },
  };
}
