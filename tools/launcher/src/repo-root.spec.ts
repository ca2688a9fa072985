import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRepoRoot } from './repo-root.js';

describe('findRepoRoot', () => {
  it('finds the workspace root above the launcher, skipping the launcher’s own package.json', () => {
    const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
    expect(existsSync(join(root, 'tools', 'launcher', 'package.json'))).toBe(true);
    expect(existsSync(join(root, 'nx.json'))).toBe(true);
  });

  it('fails clearly outside a workspace', () => {
    expect(() => findRepoRoot('/')).toThrow(/no workspace root/);
  });
});
