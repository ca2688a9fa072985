#!/usr/bin/env node
// Assembles what an app's container image holds: the app's and its workspace
// libraries' build output plus their production dependencies only, laid out as
// in the repository so the image's entry command runs unchanged.
// Used by every apps/<service>/Dockerfile and by k8s/test/image.spec.ts.
//
//   node k8s/image/assemble-app.mjs <service> <outDir> [--link]
//
// --link hard-links files instead of copying them (same filesystem; tests).
import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [service, outArg, mode] = process.argv.slice(2);
if (!service || !outArg) {
  console.error('usage: assemble-app.mjs <service> <outDir> [--link]');
  process.exit(2);
}
const out = path.resolve(outArg);
const link = mode === '--link';

/** Workspace folders and files that never ship: sources, tests, tool config. */
const DEV_ONLY = /^(src|test|node_modules|out-tsc|coverage|\.data|tsconfig.*\.json|jest\.config\.js|.*\.tsbuildinfo|buf(\.gen)?\.yaml|Dockerfile|README.*\.md)$/;

function place(from, to, skip) {
  const stat = statSync(from);
  if (stat.isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) if (!skip(name)) place(path.join(from, name), path.join(to, name), () => false);
  } else if (link) {
    linkSync(from, to);
  } else {
    cpSync(from, to);
  }
}

const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable', '-w', `@bazaar/${service}`], { cwd: repo, encoding: 'utf8' })
  .split('\n')
  .filter((p) => p && p !== repo);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const entry of new Set(listed)) {
  const real = realpathSync(entry);
  const relative = path.relative(repo, real);
  if (relative.split(path.sep).includes('node_modules')) {
    // a third-party package; its own nested node_modules are listed separately
    place(real, path.join(out, relative), (name) => name === 'node_modules');
  } else {
    // a workspace package: its build output and runtime files, linked under node_modules like npm does
    place(real, path.join(out, relative), (name) => DEV_ONLY.test(name));
    const alias = path.join(out, path.relative(repo, entry));
    mkdirSync(path.dirname(alias), { recursive: true });
    symlinkSync(path.relative(path.dirname(alias), path.join(out, relative)), alias);
  }
}
console.log(`assembled @bazaar/${service} with ${listed.length} production packages into ${out}`);
