import type { ServiceSpec } from './service-spec.js';

export type ServiceStatus = 'ready' | 'failed' | 'interrupted' | 'not started';

export interface StatusRow {
  spec: ServiceSpec;
  status: ServiceStatus;
  pid?: number;
}

/** `grpc :50051, admin :9101` */
export function formatPorts(spec: ServiceSpec): string {
  return spec.ports.map((p) => `${p.name} :${p.port}`).join(', ');
}

export function renderTable(rows: readonly StatusRow[]): string[] {
  const header = ['service', 'ports', 'status', 'pid'];
  const cells = [
    header,
    ...rows.map((r) => [r.spec.name, formatPorts(r.spec), r.status, r.pid === undefined || r.status !== 'ready' ? '-' : String(r.pid)]),
  ];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  return cells.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** Where to point a browser or curl: the gateway's HTTP port, when it runs. */
export function tryItHint(specs: readonly ServiceSpec[]): string[] {
  const http = specs.find((s) => s.name === 'gateway')?.ports.find((p) => p.protocol === 'http');
  if (!http) return [];
  return [
    'Try it:',
    `  curl localhost:${http.port}/api/products`,
    `  open http://localhost:${http.port}/docs`,
    'Ctrl-C stops everything.',
  ];
}
