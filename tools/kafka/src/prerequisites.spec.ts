import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertPrerequisites, KafkaPrerequisiteError } from './prerequisites.js';

describe('assertPrerequisites', () => {
  it('names what cannot run and what to install', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-java-'));
    try {
      const env = { ...process.env, PATH: empty };
      let error: unknown;
      try {
        assertPrerequisites({ needMaven: true, env });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(KafkaPrerequisiteError);
      expect((error as Error).message).toMatch(/^Cannot run `java` and `mvn`\. .*Install a Java 17\+ JDK and Apache Maven.*or set KAFKA_BROKERS/);
      // Maven is only asked for when artifacts still have to be resolved
      expect(() => assertPrerequisites({ needMaven: false, env })).toThrow(/^Cannot run `java`\. /);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('passes where both run (this machine runs the broker for the tests)', () => {
    expect(() => assertPrerequisites({ needMaven: true })).not.toThrow();
  });
});
