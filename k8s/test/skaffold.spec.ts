import { describe, expect, it } from '@jest/globals';
import { services } from '@bazaar/service-catalog';
import { Ajv } from 'ajv';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { PLATFORM_IMAGES } from '../src/charts.js';
import { skaffoldConfig } from '../src/skaffold.js';
import { helm, parseManifests, repoRoot, scratchCharts } from './helm.js';
import { podSpecOf, WORKLOAD_KINDS } from './manifests.js';

const SCHEMA = path.resolve(repoRoot, '../shared/schemas/skaffold-v4beta14.json');
const text = readFileSync(path.join(repoRoot, 'skaffold.yaml'), 'utf8');
const config = parse(text) as ReturnType<typeof skaffoldConfig>;

describe('skaffold.yaml', () => {
  it('is the generated one (run `npm run synth -w @bazaar/k8s` after adding a service)', () => {
    expect(text.replace(/^#.*\n/, '')).toBe(stringify(skaffoldConfig(services), { lineWidth: 0 }));
  });

  const schemaPresent = existsSync(SCHEMA);
  if (!schemaPresent) {
    console.warn(`skipping the skaffold schema check: ${SCHEMA} is absent (it ships with the shared workspace, not the repository)`);
  }
  (schemaPresent ? it : it.skip)('validates against the skaffold/v4beta14 JSON schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
    const valid = validate(config);
    expect(valid ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  it('builds every catalog app from its Dockerfile, in every profile that builds', () => {
    for (const build of [config.build, ...config.profiles.map((p) => (p as { build?: typeof config.build }).build).filter(Boolean)]) {
      const images = build!.artifacts.map((a) => [a.image, a.docker.dockerfile]);
      expect(images).toEqual(services.map((s) => [`bazaar/${s.name}`, `${s.path}/Dockerfile`]));
    }
    expect(config.profiles.map((p) => p.name)).toEqual(['kind', 'eks', 'mesh']);
    expect(config.portForward.map((p) => p.resourceName)).toEqual(['gateway', 'grafana', 'prometheus']);
  });

  it('builds every image the charts run, except the pinned third-party platform images', () => {
    const built = new Set(config.build.artifacts.map((a) => a.image));
    const values = Object.entries(config.deploy.helm.releases[0]!.setValueTemplates!).flatMap(([key]) => ['--set', `${key}=${key.endsWith('repository') ? `bazaar/${key.split('.')[0]}` : 'skaffold-tag'}`]);
    const scratch = scratchCharts(path.join(repoRoot, 'charts'));
    const umbrella = path.join(scratch, 'bazaar');
    const rendered = parseManifests(
      helm(['template', 'x', path.join(scratch, 'bazaar-platform')]) +
        '\n---\n' +
        helm(['template', 'x', umbrella, '-f', path.join(umbrella, 'values-kind.yaml'), ...values]),
    );
    rmSync(scratch, { recursive: true, force: true });
    const images = rendered.filter((m) => WORKLOAD_KINDS.includes(m.kind)).flatMap((m) => podSpecOf(m).containers.map((c: { image: string }) => c.image));
    const thirdParty = new Set(Object.values(PLATFORM_IMAGES));
    for (const image of images) {
      if (thirdParty.has(image)) continue;
      expect(built).toContain(image.replace(/:[^:/]+$/, ''));
    }
  });
});
