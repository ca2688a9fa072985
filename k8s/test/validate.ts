import type { Manifest } from './manifests.js';

interface Model {
  validate(): void;
}
type ModelClass = new (data: object) => Model;

/** Validates an object against the Kubernetes (or Istio) schema via kubernetes-models; throws with the reason. */
export async function validateManifest(m: Manifest): Promise<void> {
  const [group, version] = m.apiVersion.includes('/') ? m.apiVersion.split('/') : ['', m.apiVersion];
  const module = group.endsWith('istio.io')
    ? await import(`@kubernetes-models/istio/${group}/${version}`)
    : await import(group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`);
  const Class = (module as Record<string, ModelClass>)[m.kind];
  if (!Class) throw new Error(`no schema for ${m.apiVersion} ${m.kind}`);
  try {
    new Class(m).validate();
  } catch (error) {
    throw new Error(`${m.kind}/${m.metadata.name} is invalid: ${(error as Error).message}`, { cause: error });
  }
}
