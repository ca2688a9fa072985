import type { LoadStats, RouteSummary } from './stats.js';

const ms = (value: number) => (Number.isNaN(value) ? '-' : `${Math.round(value)} ms`);
const classes = (summary: RouteSummary) =>
  Object.entries(summary.byClass)
    .sort()
    .map(([cls, n]) => `${cls} ${n}`)
    .join(', ');

/** Per route: requests, rate over `seconds`, answers by status class and latency percentiles. */
export function formatRoutes(routes: readonly RouteSummary[], seconds: number): string {
  const header = `${'route'.padEnd(26)} ${'requests'.padStart(8)} ${'req/s'.padStart(7)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}  answers`;
  const rows = routes.map(
    (r) =>
      `${r.route.padEnd(26)} ${String(r.requests).padStart(8)} ${(r.requests / seconds).toFixed(1).padStart(7)} ${ms(r.p50Ms).padStart(8)} ${ms(r.p95Ms).padStart(8)} ${ms(r.p99Ms).padStart(8)}  ${classes(r)}`,
  );
  return [header, ...rows].join('\n');
}

export function formatSummary(stats: LoadStats, seconds: number): string {
  const saga = stats.saga();
  const ended = Object.entries(saga.ended)
    .sort()
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
  return [
    formatRoutes(stats.routes(), seconds),
    '',
    `checkouts followed: ${ended || 'none'}; accepted → end state p50 ${ms(saga.p50Ms)}, p95 ${ms(saga.p95Ms)}`,
    `failures (5xx or no answer): ${stats.failures()}`,
  ].join('\n');
}
