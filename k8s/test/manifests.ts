import { buildCharts } from '../src/charts.js';
import { apiObjectsOf } from '../src/helm/writer.js';
import { manifestOf } from '../src/helm/expr.js';
import type { ServiceEntry } from '@bazaar/service-catalog';

/** A Kubernetes object as plain JSON (synthesized or rendered). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; [k: string]: any }; [k: string]: any };

/** Synthesized (not Helm-rendered) objects of each chart, keyed by chart name. */
export function synthesized(entries?: readonly ServiceEntry[]): Map<string, Manifest[]> {
  const charts = buildCharts(entries);
  return new Map([...charts].map(([name, source]) => [name, apiObjectsOf(source.objects).map((o) => manifestOf(o) as Manifest)]));
}

export function find(objects: Manifest[], kind: string, name: string): Manifest {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** The pod template (or pod spec) of a workload object. */
export function podSpecOf(o: Manifest) {
  if (o.kind === 'Pod') return o['spec'];
  if (o.kind === 'CronJob') return o['spec'].jobTemplate.spec.template.spec;
  return o['spec'].template.spec;
}

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet'];
