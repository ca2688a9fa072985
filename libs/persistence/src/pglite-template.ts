import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/*
 * A fresh PGlite runs initdb, which takes seconds of CPU. New databases (in memory, or in an empty folder) instead
 * start from a tarball of a freshly initialised data directory, made once per machine and PGlite
 * version and kept in the OS temp folder.
 */

let pending: Promise<Blob> | undefined;

function pgliteVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return readFile(join(dirname(entry), '..', 'package.json'), 'utf8').then((text) => (JSON.parse(text) as { version: string }).version);
}

async function loadOrCreate(): Promise<Blob> {
  const file = join(tmpdir(), `bazaar-pglite-${await pgliteVersion()}-template.tar.gz`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const fresh = await PGlite.create('memory://');
    const template = await fresh.dumpDataDir('gzip');
    await fresh.close();
    // Write-then-rename so a concurrent reader never sees half a file.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await template.arrayBuffer()));
    await rename(partial, file);
    return template;
  }
}

/** The initialised-data-directory tarball new in-memory databases load from. */
export function pgliteTemplate(): Promise<Blob> {
  pending ??= loadOrCreate().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
