import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buf = path.resolve(packageDir, '../../node_modules/.bin/buf');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full).map((f) => path.join(name, f)) : [name];
  });
}

function runBuf(args: string[]): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(buf, args, { cwd: packageDir, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('contracts', () => {
  it('carry no floating-point field: money is units + nanos, ratios are integers (e.g. conversion_ppm)', () => {
    interface Descriptor {
      name: string;
      field?: { name: string; type: string }[];
      nestedType?: Descriptor[];
    }
    const image = JSON.parse(execFileSync(buf, ['build', '-o', '-#format=json'], { cwd: packageDir, encoding: 'utf8' })) as {
      file: { name: string; package: string; messageType?: Descriptor[] }[];
    };
    const fields: string[] = [];
    const floats: string[] = [];
    const visit = (message: Descriptor, scope: string) => {
      for (const field of message.field ?? []) {
        fields.push(`${scope}.${message.name}.${field.name}`);
        if (field.type === 'TYPE_FLOAT' || field.type === 'TYPE_DOUBLE') floats.push(`${scope}.${message.name}.${field.name}`);
      }
      for (const nested of message.nestedType ?? []) visit(nested, `${scope}.${message.name}`);
    };
    for (const file of image.file.filter((f) => f.name.startsWith('bazaar/'))) for (const message of file.messageType ?? []) visit(message, file.package);
    expect(fields.length).toBeGreaterThan(100);
    expect(floats).toEqual([]);
  });

  it('pass buf lint (STANDARD rules)', () => {
    const { ok, output } = runBuf(['lint']);
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  it('make no breaking change against the recorded API, api-baseline.txtpb (buf breaking, FILE rules)', () => {
    const { ok, output } = runBuf(['breaking', 'proto', '--exclude-imports', '--against', 'api-baseline.txtpb']);
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  it('have every addition recorded in api-baseline.txtpb (`npm run codegen` records it)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bazaar-api-'));
    try {
      const fresh = path.join(out, 'api.txtpb');
      const { ok, output } = runBuf(['build', 'proto', '--exclude-source-info', '-o', fresh]);
      expect({ ok, output }).toEqual({ ok: true, output: '' });
      if (readFileSync(fresh, 'utf8') !== readFileSync(path.join(packageDir, 'api-baseline.txtpb'), 'utf8')) {
        throw new Error('api-baseline.txtpb does not hold the current protos: run `npm run codegen` and commit the result');
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('catch a breaking change against the baseline (a field renumbered)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bazaar-api-broken-'));
    try {
      const broken = path.join(out, 'broken.txtpb');
      // the baseline as if product_id had once been field 42: the current protos then drop field 42 and add field 1
      const text = readFileSync(path.join(packageDir, 'api-baseline.txtpb'), 'utf8');
      const renumbered = text.replace(/(name: "product_id"\n\s+number: )1\n/, '$142\n');
      expect(renumbered).not.toBe(text);
      writeFileSync(broken, renumbered);
      const { ok, output } = runBuf(['breaking', 'proto', '--exclude-imports', '--against', broken]);
      expect(ok).toBe(false);
      expect(output).toMatch(/Previously present field "42" with name "product_id"/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('have committed generated code identical to a fresh `buf generate`', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bazaar-codegen-'));
    try {
      const { ok, output } = runBuf(['generate', '--output', out]);
      expect(output).toBe('');
      expect(ok).toBe(true);
      const fresh = path.join(out, 'src/gen');
      const committed = path.join(packageDir, 'src/gen');
      const files = filesUnder(fresh).sort();
      expect(filesUnder(committed).sort()).toEqual(files);
      for (const file of files) {
        const stale = readFileSync(path.join(committed, file), 'utf8') !== readFileSync(path.join(fresh, file), 'utf8');
        if (stale) throw new Error(`src/gen/${file} is stale: run \`npm run codegen\` and commit the result`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
