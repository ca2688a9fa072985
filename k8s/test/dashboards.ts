import { metricsRegistry } from '@bazaar/observability';
import { parser } from '@prometheus-io/lezer-promql';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './helm.js';

/** Series Prometheus makes up itself. */
const PROMETHEUS_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'];
// _total: prom-client's OpenMetrics render renames a counter `x_total` to family `x` in place
const SERIES_SUFFIXES = ['_bucket', '_sum', '_count', '_total'];

/**
 * Every prom-client metric name the code defines: the shared registry's
 * (RED histograms and Node runtime metrics) plus each `new Counter/Gauge/
 * Histogram/Summary({ name: '...' })` in libs and apps.
 */
export function codeMetricNames(): Set<string> {
  const names = new Set(metricsRegistry.getMetricsAsArray().map((m) => m.name));
  const pattern = /new\s+(?:Counter|Gauge|Histogram|Summary)(?:<[^>]*>)?\(\s*\{\s*name:\s*['"]([a-zA-Z_:][a-zA-Z0-9_:]*)['"]/g;
  for (const top of ['libs', 'apps']) {
    for (const project of readdirSync(path.join(repoRoot, top))) {
      const src = path.join(repoRoot, top, project, 'src');
      let files: string[];
      try {
        files = readdirSync(src, { recursive: true, encoding: 'utf8' });
      } catch {
        continue;
      }
      for (const file of files.filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.includes('/gen/'))) {
        for (const match of readFileSync(path.join(src, file), 'utf8').matchAll(pattern)) names.add(match[1]!);
      }
    }
  }
  return names;
}

/** Whether a series name is one of `known` (histogram and summary series with their suffixes). */
export function seriesExists(series: string, known: ReadonlySet<string>): boolean {
  if (known.has(series) || PROMETHEUS_SERIES.includes(series)) return true;
  const suffix = SERIES_SUFFIXES.find((s) => series.endsWith(s));
  return suffix !== undefined && known.has(series.slice(0, -suffix.length));
}

/** Grafana's variables replaced by something PromQL parses. */
const grafanaFree = (expr: string) =>
  expr
    .replace(/\$\$?__tags/g, '')
    .replace(/\$__(rate_interval|interval|range)/g, '5m')
    .replace(/\$\{?(\w+)\}?/g, 'x');

/** Metric names a PromQL expression selects; throws when the expression does not parse. */
export function promqlMetricNames(expr: string): string[] {
  const inner = /^label_values\((.*),\s*\w+\)$/.exec(expr.trim());
  const query = grafanaFree(inner ? inner[1]! : expr);
  const names: string[] = [];
  const errors: number[] = [];
  parser.parse(query).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.push(query.slice(node.from, node.to));
    },
  });
  if (errors.length > 0) throw new Error(`PromQL does not parse at ${errors[0]}: ${query}`);
  return names;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** Panels, nested row panels included. */
export const panelsOf = (dashboard: Json): Json[] => (dashboard['panels'] ?? []).flatMap((p: Json) => [p, ...panelsOf(p)]);

export interface Query {
  where: string;
  datasourceUid: string | undefined;
  /** PromQL or TraceQL text, if the target has one. */
  text: string | undefined;
}

/** Every query of a dashboard (panel targets and template variables) with its datasource uid. */
export function queriesOf(file: string, dashboard: Json): Query[] {
  const queries: Query[] = [];
  for (const panel of panelsOf(dashboard)) {
    const where = `${file} panel "${panel['title']}"`;
    if (panel['type'] !== 'row') queries.push({ where, datasourceUid: panel['datasource']?.uid, text: undefined });
    for (const target of panel['targets'] ?? []) {
      queries.push({ where, datasourceUid: target['datasource']?.uid ?? panel['datasource']?.uid, text: target['expr'] ?? target['query'] });
    }
  }
  for (const variable of dashboard['templating']?.list ?? []) {
    if (variable['type'] !== 'query') continue;
    const text = typeof variable['query'] === 'string' ? variable['query'] : variable['query']?.query;
    queries.push({ where: `${file} variable ${variable['name']}`, datasourceUid: variable['datasource']?.uid, text });
  }
  return queries;
}
