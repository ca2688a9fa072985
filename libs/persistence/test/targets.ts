import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@bazaar/testing';
import type { OpenDatabaseOptions, PersistenceLogger } from '../src/index.js';

export type Location = Pick<OpenDatabaseOptions, 'databaseUrl' | 'dataDir'>;

/** Where the shared suites run: a throwaway PostgreSQL database or a PGlite folder / memory. */
export interface Target {
  driver: 'postgres' | 'pglite';
  /** A new empty database; `persistent` PGlite ones live in a temp folder so they can be reopened. */
  fresh(persistent?: boolean): Promise<Location>;
  cleanup(): Promise<void>;
}

function postgresTarget(): Target {
  const databases: TestDatabase[] = [];
  return {
    driver: 'postgres',
    fresh: async () => {
      const database = await createTestDatabase({ prefix: 'persistence' });
      databases.push(database);
      return { databaseUrl: database.url };
    },
    cleanup: async () => {
      await Promise.all(databases.map((database) => database.drop()));
    },
  };
}

function pgliteTarget(): Target {
  const dirs: string[] = [];
  return {
    driver: 'pglite',
    fresh: async (persistent = false) => {
      if (!persistent) return { dataDir: 'memory://' };
      const dir = await mkdtemp(join(tmpdir(), 'bazaar-pglite-'));
      dirs.push(dir);
      return { dataDir: join(dir, 'pglite') };
    },
    cleanup: async () => {
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

export const targets: Array<[string, () => Target]> = [
  ['PGlite', pgliteTarget],
  ['PostgreSQL', postgresTarget],
];

/** A logger that remembers what was logged, to see which migrations ran. */
export function recordingLogger(): PersistenceLogger & { applied(): string[] } {
  const entries: Array<{ obj: object; msg?: string }> = [];
  return {
    info: (obj, msg) => entries.push({ obj, msg }),
    error: (obj, msg) => entries.push({ obj, msg }),
    applied: () =>
      entries.filter((entry) => entry.msg === 'migration applied').map((entry) => (entry.obj as { migration: string }).migration),
  };
}
