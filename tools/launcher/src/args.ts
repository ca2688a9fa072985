import { parseArgs } from 'node:util';
import type { ServiceSpec } from './service-spec.js';

/** Bad command line: main prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface LauncherArgs {
  /** Service names from `--only`, as typed; undefined means all of them. */
  only?: string[];
  quiet: boolean;
  readyTimeoutMs: number;
  graceMs: number;
  /** Added to every catalog port, so a second copy (or a test) can run beside one on the defaults. */
  portOffset: number;
  /** Where services keep their data (DATA_DIR=<dir>/<service>) and logs; the repository's .data/ by default. */
  dataDir?: string;
  help: boolean;
}

export const usage = `Usage: npm start -- [options]

Starts every Bazaar service (built first by Nx) and streams their logs.

Options:
  --only <a,b>           start only these services (catalog order is kept)
  --quiet                do not stream service logs (also LAUNCHER_QUIET=1);
                         they are still written to .data/logs/<service>.log
  --ready-timeout <s>    seconds to wait for each service to be ready (default 60,
                         also LAUNCHER_READY_TIMEOUT)
  --grace <s>            seconds between SIGTERM and SIGKILL on stop (default 10,
                         also LAUNCHER_GRACE)
  --port-offset <n>      add n to every service port, e.g. 1000 → gateway on :9080
                         (also LAUNCHER_PORT_OFFSET; default 0)
  --data-dir <dir>       keep each service's data in <dir>/<service> and logs in
                         <dir>/logs (also LAUNCHER_DATA_DIR; default .data/)
  -h, --help             show this help`;

const DEFAULT_READY_TIMEOUT_S = 60;
const DEFAULT_GRACE_S = 10;

export function parseLauncherArgs(argv: readonly string[], env: NodeJS.ProcessEnv): LauncherArgs {
  const { values } = parseFlags(argv);
  const only = values.only === undefined ? undefined : splitNames(values.only);
  return {
    only,
    quiet: values.quiet === true || isTruthy(env['LAUNCHER_QUIET']),
    readyTimeoutMs: seconds('--ready-timeout', values['ready-timeout'] ?? env['LAUNCHER_READY_TIMEOUT'], DEFAULT_READY_TIMEOUT_S),
    graceMs: seconds('--grace', values.grace ?? env['LAUNCHER_GRACE'], DEFAULT_GRACE_S),
    portOffset: portOffset(values['port-offset'] ?? env['LAUNCHER_PORT_OFFSET']),
    dataDir: (values['data-dir'] ?? env['LAUNCHER_DATA_DIR']) || undefined,
    help: values.help === true,
  };
}

/**
 * The services named by `--only`, in catalog order; all of them without it.
 * Unknown names fail with the list of known ones.
 */
export function selectServices<T extends ServiceSpec>(all: readonly T[], only: readonly string[] | undefined): T[] {
  if (only === undefined) return [...all];
  const known = all.map((s) => s.name);
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const names = unknown.map((n) => `"${n}"`).join(', ');
    throw new UsageError(`--only: unknown service${unknown.length > 1 ? 's' : ''} ${names}; known: ${known.join(', ')}`);
  }
  return all.filter((s) => only.includes(s.name));
}

/** Warnings for selected services that call a service left out by `--only`. */
export function missingCallees(selected: readonly ServiceSpec[]): string[] {
  const names = new Set(selected.map((s) => s.name));
  return selected.flatMap((s) =>
    (s.calls ?? []).filter((callee) => !names.has(callee)).map((callee) => `${s.name} calls ${callee}, which is not started`),
  );
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        only: { type: 'string' },
        quiet: { type: 'boolean' },
        'ready-timeout': { type: 'string' },
        grace: { type: 'string' },
        'port-offset': { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function splitNames(raw: string): string[] {
  const names = raw
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (names.length === 0) throw new UsageError('--only needs at least one service name, e.g. --only catalog,gateway');
  return names;
}

function seconds(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback * 1000;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a positive number of seconds, got "${raw}"`);
  return Math.round(value * 1000);
}

const MAX_PORT_OFFSET = 15_000;

function portOffset(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > MAX_PORT_OFFSET) {
    throw new UsageError(`--port-offset must be an integer from 0 to ${MAX_PORT_OFFSET}, got "${raw}"`);
  }
  return value;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false', 'no'].includes(value.trim().toLowerCase());
}
