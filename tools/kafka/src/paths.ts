import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** tools/kafka, whether this module runs from src/ (tests) or dist/. */
export const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The repository root (tools/kafka/../..). */
export const repoRoot = join(packageDir, '..', '..');

export const pomFile = join(packageDir, 'pom.xml');

/** Where `npm start` keeps the broker's data: gitignored `.data/kafka/`. */
export const defaultDataDir = join(repoRoot, '.data', 'kafka');

/** Classpath files, one per Kafka version; node_modules/.cache is gitignored and survives between runs. */
export const classpathCacheDir = join(repoRoot, 'node_modules', '.cache', 'kafka-local');
