import { tpl } from './helm/expr.js';

export const PART_OF_APPS = 'bazaar';
export const PART_OF_PLATFORM = 'bazaar-platform';

/** Labels that select a workload's pods; stable across upgrades (no version, no release). */
export function selectorLabels(name: string, partOf: string = PART_OF_APPS): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': partOf };
}

/** The recommended app.kubernetes.io labels plus Helm's chart label. */
export function standardLabels(name: string, component: string, partOf: string = PART_OF_APPS): Record<string, string> {
  return {
    ...selectorLabels(name, partOf),
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/instance': tpl('.Release.Name'),
    'app.kubernetes.io/version': tpl('.Chart.AppVersion | quote'),
    'app.kubernetes.io/managed-by': tpl('.Release.Service'),
    'helm.sh/chart': tpl('printf "%s-%s" .Chart.Name .Chart.Version'),
  };
}
