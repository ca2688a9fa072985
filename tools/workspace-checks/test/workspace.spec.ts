import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

/** Lints `code` as if it were the file at `file` (nothing is written to disk). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('workspace', () => {
  it('runs npm scripts on the pinned Node 24 LTS, not the machine’s Node', () => {
    expect(process.version).toMatch(/^v24\./);
    expect(rootPackage.devDependencies['node']).toMatch(/^24\./);
    expect(rootPackage.engines.node).toBe('>=24 <25');
  });

  describe('module boundaries (npm run lint fails on these)', () => {
    it('forbids an app importing another app', async () => {
      // Apps export nothing, so the only way in is a path into the other app's sources.
      const errors = await boundaryErrors('apps/gateway/src/violation.ts', "import '../../catalog/src/config.js';\n");
      expect(errors.join('\n')).toMatch(/Projects cannot be imported by a relative or absolute path/);
    });

    it('forbids framework imports in contracts', async () => {
      const errors = await boundaryErrors('libs/contracts/src/violation.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
      expect(errors.join('\n')).toMatch(/type:contract" is not allowed to import "@nestjs\/common"/);
    });

    it('keeps domain contracts out of platform libs', async () => {
      const errors = await boundaryErrors('libs/grpc/src/violation.ts', "import { catalogV1 } from '@bazaar/contracts';\nexport const x = catalogV1;\n");
      expect(errors.join('\n')).toMatch(/type:platform.*can only depend on libs tagged with/);
    });

    it('lets apps use platform libs and contracts', async () => {
      const errors = await boundaryErrors(
        'apps/catalog/src/fine.ts',
        "import { catalogV1 } from '@bazaar/contracts';\nimport { GrpcStatus } from '@bazaar/grpc';\nexport const x = [catalogV1, GrpcStatus];\n",
      );
      expect(errors).toEqual([]);
    });
  });
});
