import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { KAFKA_VERSION } from './kafka-version.js';
import { classpathCacheDir, pomFile } from './paths.js';
import { assertPrerequisites } from './prerequisites.js';

export interface ResolvedKafka {
  version: string;
  /** Java classpath (jars in the local Maven repository, ~/.m2). */
  classpath: string;
  /** True when Maven ran for this call; false when the cached classpath was used. */
  resolvedNow: boolean;
}

/** The cache key changes with the version and with pom.xml (e.g. a new logging binding). */
async function cacheFile(version: string): Promise<string> {
  const pomHash = createHash('sha256').update(await readFile(pomFile)).digest('hex').slice(0, 12);
  return join(classpathCacheDir, `classpath-${version}-${pomHash}.txt`);
}

async function readCachedClasspath(file: string): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  const classpath = (await readFile(file, 'utf8')).trim();
  const jars = classpath.split(delimiter).filter(Boolean);
  // ~/.m2 may have been cleaned since: then resolve again.
  return jars.length > 0 && jars.every((jar) => existsSync(jar)) ? classpath : undefined;
}

function runMaven(version: string, outputFile: string): Promise<void> {
  const args = [
    '-B',
    '-q',
    '-f',
    pomFile,
    'dependency:build-classpath',
    `-Dkafka.version=${version}`,
    '-Dmdep.includeScope=runtime',
    `-Dmdep.outputFile=${outputFile}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `Maven could not resolve org.apache.kafka:kafka_2.13:${version} (exit ${code}). ` +
              `Is Maven Central reachable and the version published?\n${output.trim()}`,
          ),
        );
    });
  });
}

/**
 * Returns the broker's classpath for `version`, running Maven only when no valid cached
 * classpath exists. Artifacts are downloaded into the normal local Maven repository.
 */
export async function resolveKafka(version: string = KAFKA_VERSION): Promise<ResolvedKafka> {
  const file = await cacheFile(version);
  const cached = await readCachedClasspath(file);
  if (cached) {
    assertPrerequisites({ needMaven: false });
    return { version, classpath: cached, resolvedNow: false };
  }
  assertPrerequisites({ needMaven: true });
  await mkdir(classpathCacheDir, { recursive: true });
  // Written beside the final file and renamed, so concurrent resolvers never read half a file.
  const partial = `${file}.${process.pid}.partial`;
  try {
    await runMaven(version, partial);
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  const classpath = await readCachedClasspath(file);
  if (!classpath) throw new Error(`Maven produced no usable classpath for Kafka ${version} (${file})`);
  return { version, classpath, resolvedNow: true };
}
