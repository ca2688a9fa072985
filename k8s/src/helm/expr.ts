import type { ApiObject } from 'cdk8s';

/**
 * Helm template expressions inside cdk8s objects. The constructs put these
 * strings where a value goes; the chart writer (writer.ts) turns them back
 * into raw template text when it serializes the objects.
 */

/** `{{ expr }}` as a scalar; the writer drops the YAML quotes around it. */
export const tpl = (expr: string): string => `{{ ${expr} }}`;

/** A value from values.yaml, e.g. `val('replicas')`. */
export const val = (path: string): string => tpl(`.Values.${path}`);

/** A value rendered as a YAML string (env values, annotations). */
export const quoted = (path: string): string => tpl(`.Values.${path} | quote`);

/** A value typed as a number for the cdk8s props; Helm renders the number. */
export const num = (path: string): number => val(path) as unknown as number;

const encode = (expr: string) => Buffer.from(expr, 'utf8').toString('base64url');

/**
 * Replaced by whatever `expr` renders, indented to where the marker sits: use
 * it as a list item (renders list items) or as a map key (renders map entries).
 */
export const splice = (expr: string): string => `__splice_${encode(expr)}__`;

/** A map value replaced by the YAML block `expr` renders (e.g. `toYaml .Values.resources`). */
export const block = (expr: string): string => `__block_${encode(expr)}__`;

export const decode = (encoded: string): string => Buffer.from(encoded, 'base64url').toString('utf8');

const conditions = new WeakMap<ApiObject, string>();

/** Renders `object` only when the template condition holds (e.g. `.Values.autoscaling.enabled`). */
export function onlyIf<T extends ApiObject>(object: T, condition: string): T {
  conditions.set(object, condition);
  return object;
}

export const conditionOf = (object: ApiObject): string | undefined => conditions.get(object);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const finishers = new WeakMap<ApiObject, ((manifest: Json) => void)[]>();

/**
 * Edits the object's JSON after cdk8s synthesized it. Template markers go in
 * here: the typed cdk8s props (and JSON patches, which run before the typed
 * conversion) would reshape or drop them.
 */
export function afterSynth<T extends ApiObject>(object: T, edit: (manifest: Json) => void): T {
  finishers.set(object, [...(finishers.get(object) ?? []), edit]);
  return object;
}

/** The object's manifest with its afterSynth edits applied. */
export function manifestOf(object: ApiObject): Json {
  const manifest = object.toJson() as Json;
  for (const edit of finishers.get(object) ?? []) edit(manifest);
  return manifest;
}
