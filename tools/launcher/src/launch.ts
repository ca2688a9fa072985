import { compactLogLine, prefixLine } from './log-format.js';
import { busyPorts } from './port-check.js';
import { Progress, type Output } from './progress.js';
import { readinessUrl, waitForReady } from './readiness.js';
import type { ServiceCommand } from './service-command.js';
import type { ServiceSpec } from './service-spec.js';
import { describeExit, spawnService, type ExitInfo, type ServiceProcess } from './spawn-service.js';
import { describeStop, stopAll, type StopReport } from './stop-services.js';
import { renderTable, tryItHint, type StatusRow } from './table.js';
import { telemetryHint } from './telemetry-hint.js';

export interface LaunchOptions {
  /** How to run a service; tests point this at small fake services. */
  commandFor: (spec: ServiceSpec) => ServiceCommand;
  /** `<service>.log` files are appended here. */
  logDir: string;
  readyTimeoutMs: number;
  /** Between SIGTERM and SIGKILL when stopping. */
  graceMs: number;
  /** Stream service logs to `out` once everything is ready. */
  streamLogs: boolean;
  out: Output;
  /** ANSI colours in streamed logs. */
  color?: boolean;
  /** Log lines shown when a service fails. */
  failureLines?: number;
  /** Where the launcher keeps the services' spans, when it receives them itself. */
  localTraceFile?: string;
}

export interface LaunchOutcome {
  /** 0 after a requested stop, 1 when a service failed to start or died. */
  exitCode: number;
  rows: StatusRow[];
  stops: StopReport[];
}

export interface Launch {
  /** Resolves when startup is over: true if every service is ready. */
  ready: Promise<boolean>;
  /** Resolves when every service is gone. */
  finished: Promise<LaunchOutcome>;
  /** Ctrl-C / SIGTERM: stop every service in reverse order. */
  stop(): void;
  /** A second Ctrl-C, or the launcher exiting: SIGKILL whatever still runs. */
  kill(): void;
}

type Failure = { name: string; reason: string; service?: ServiceProcess };

/** Starts `specs` in order, each once the previous is ready, and supervises them. */
export function launch(specs: readonly ServiceSpec[], options: LaunchOptions): Launch {
  const running: ServiceProcess[] = [];
  let stopRequested = false;
  let requestStop!: () => void;
  const stopSignal = new Promise<'stop'>((resolve) => (requestStop = () => resolve('stop')));
  let resolveReady!: (ok: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (resolveReady = resolve));
  const width = Math.max(...specs.map((s) => s.name.length), 0);
  const print = (line = '') => options.out.write(`${line}\n`);
  const failureLines = options.failureLines ?? 20;

  const reportFailure = ({ name, reason, service }: Failure) => {
    print(`\n${name} ${reason}.`);
    if (!service) return;
    const lines = service.lastLines(failureLines);
    if (lines.length === 0) return print(`It wrote no output (${service.logFile}).`);
    print(`Last ${lines.length} log lines (${service.logFile}):`);
    for (const line of lines) print(`  ${prefixLine(name, width, compactLogLine(line))}`);
  };

  const shutDown = async (exitCode: number, rows: StatusRow[]): Promise<LaunchOutcome> => {
    if (running.some((s) => !s.exit())) print(`\nStopping ${running.length === 1 ? 'the service' : 'services'}…`);
    const stops = await stopAll(running, options.graceMs, (report) => {
      print(`  ${report.name.padEnd(width)}  ${describeStop(report, options.graceMs)}`);
    });
    return { exitCode, rows, stops };
  };

  async function startOne(spec: ServiceSpec, progress: Progress): Promise<Failure | 'ready' | 'stopped'> {
    const busy = await busyPorts(spec.ports.map((p) => p.port));
    if (busy.length > 0) {
      progress.finished(spec.name, 'failed');
      return { name: spec.name, reason: `cannot start: port ${busy.join(', ')} already in use (an earlier launcher still running?)` };
    }
    progress.starting(spec.name);
    const startedAt = Date.now();
    const service = spawnService(spec.name, options.commandFor(spec), options.logDir);
    running.push(service);
    const abort = new AbortController();
    const outcome = await Promise.race([
      waitForReady(readinessUrl(spec), { timeoutMs: options.readyTimeoutMs, signal: abort.signal }),
      service.exited,
      stopSignal,
    ]);
    abort.abort();
    if (outcome === 'ready') {
      progress.finished(spec.name, `ready in ${Date.now() - startedAt} ms`);
      return 'ready';
    }
    if (outcome === 'stop' || outcome === 'aborted') {
      progress.finished(spec.name, 'interrupted');
      return 'stopped';
    }
    progress.finished(spec.name, 'failed');
    const reason =
      outcome === 'timeout'
        ? `was not ready within ${options.readyTimeoutMs / 1000} s (no 200 from ${readinessUrl(spec)})`
        : `${describeExit(outcome)} before it was ready`;
    return { name: spec.name, reason, service };
  }

  async function run(): Promise<LaunchOutcome> {
    const progress = new Progress(options.out, width);
    const rows: StatusRow[] = specs.map((spec) => ({ spec, status: 'not started' }));
    print(`Starting ${specs.length} service${specs.length === 1 ? '' : 's'} (logs in ${options.logDir}):`);
    let failure: Failure | undefined;
    for (const row of rows) {
      if (stopRequested) break;
      const result = await startOne(row.spec, progress);
      row.pid = running.find((s) => s.name === row.spec.name)?.pid;
      if (result === 'stopped') {
        if (row.pid !== undefined) row.status = 'interrupted';
        break;
      }
      row.status = result === 'ready' ? 'ready' : 'failed';
      if (result !== 'ready') {
        failure = result;
        break;
      }
    }
    const allReady = rows.every((r) => r.status === 'ready');
    print();
    for (const line of renderTable(rows)) print(line);
    resolveReady(allReady);
    if (failure) {
      reportFailure(failure);
      return shutDown(1, rows);
    }
    if (!allReady) return shutDown(0, rows);

    const hint = tryItHint(specs);
    if (hint.length > 0) print();
    for (const line of hint) print(line);
    print();
    for (const line of telemetryHint(specs, process.env, options.logDir, options.localTraceFile)) print(line);
    print();
    if (options.streamLogs) {
      for (const service of running) {
        service.onLine((line) => print(prefixLine(service.name, width, compactLogLine(line, { color: options.color }))));
      }
    }
    const event = await Promise.race([
      stopSignal,
      ...running.map((service) => service.exited.then((exit): [ServiceProcess, ExitInfo] => [service, exit])),
    ]);
    if (event === 'stop') return shutDown(0, rows);
    const [service, exit] = event;
    reportFailure({ name: service.name, reason: `${describeExit(exit)} unexpectedly`, service });
    return shutDown(1, rows);
  }

  const finished = run().catch(async (error: unknown) => {
    print(`\nlauncher error: ${error instanceof Error ? error.message : String(error)}`);
    resolveReady(false);
    return shutDown(1, []);
  });
  return {
    ready,
    finished,
    stop() {
      stopRequested = true;
      requestStop();
    },
    kill() {
      for (const service of running) service.signal('SIGKILL');
    },
  };
}
