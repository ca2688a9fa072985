import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.data', '.nx', 'dist', 'charts']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_DIRS.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

/** Markdown without fenced code, where `](...)` is not a link. */
const prose = (file: string) => readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of prose(file).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = heading!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** Every relative link (and its #anchor, into Markdown) of one file that does not resolve. */
function brokenLinks(file: string, text = prose(file)): string[] {
  const broken: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue; // https:, mailto:
    const [pathPart, anchor] = target!.split('#', 2) as [string, string | undefined];
    const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
    if (!existsSync(resolved)) {
      broken.push(`${target} (no such file)`);
    } else if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile() && !anchorsOf(resolved).has(anchor)) {
      broken.push(`${target} (no such heading)`);
    }
  }
  return broken;
}

describe('documentation links', () => {
  const files = markdownFiles(root);

  it('finds the README and the docs', () => {
    const relative = files.map((f) => path.relative(root, f));
    expect(relative).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/runbook.md']));
  });

  it('has no relative link to a missing file or heading', () => {
    const broken = files.flatMap((file) => brokenLinks(file).map((link) => `${path.relative(root, file)}: ${link}`));
    expect(broken).toEqual([]);
  });

  it('notices a missing file or heading, and accepts web links and real headings', () => {
    const text = '[a](docs/nope.md) [b](README.md#quick-start) [c](README.md#nope) [d](https://example.com/x) [e](docs/runbook.md)';
    expect(brokenLinks(path.join(root, 'NEW.md'), text)).toEqual(['docs/nope.md (no such file)', 'README.md#nope (no such heading)']);
  });
});
