import { describeExit, type ExitInfo, type ServiceProcess } from './spawn-service.js';

export interface StopReport {
  name: string;
  /** How it ended: on SIGTERM, by SIGKILL after the grace period, or by itself earlier. */
  how: 'sigterm' | 'sigkill' | 'already-exited';
  exit: ExitInfo;
  ms: number;
}

/** SIGTERM, then SIGKILL if the service is still there after `graceMs`. */
export async function stopService(service: ServiceProcess, graceMs: number): Promise<StopReport> {
  const startedAt = Date.now();
  const report = (how: StopReport['how'], exit: ExitInfo): StopReport => ({
    name: service.name,
    how,
    exit,
    ms: Date.now() - startedAt,
  });
  if (!service.signal('SIGTERM')) return report('already-exited', await service.exited);
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'grace-over'>((resolve) => (timer = setTimeout(() => resolve('grace-over'), graceMs)));
  const first = await Promise.race([service.exited, graceOver]);
  clearTimeout(timer);
  if (first !== 'grace-over') return report('sigterm', first);
  service.signal('SIGKILL');
  return report('sigkill', await service.exited);
}

/** Stops services one by one, last started first, so callers go before callees. */
export async function stopAll(
  services: readonly ServiceProcess[],
  graceMs: number,
  onStopped: (report: StopReport) => void,
): Promise<StopReport[]> {
  const reports: StopReport[] = [];
  for (const service of [...services].reverse()) {
    const report = await stopService(service, graceMs);
    onStopped(report);
    reports.push(report);
  }
  return reports;
}

export function describeStop(report: StopReport, graceMs: number): string {
  switch (report.how) {
    case 'sigterm':
      return `stopped on SIGTERM in ${report.ms} ms (${describeExit(report.exit)})`;
    case 'sigkill':
      return `did not stop within ${graceMs / 1000} s of SIGTERM; killed with SIGKILL`;
    case 'already-exited':
      return `had already ended (${describeExit(report.exit)})`;
  }
}
