import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SpanRecord } from './span-record.js';

/** Past this size a new file is started at launch (the old one is kept as `<file>.1`). */
const ROTATE_AT_BYTES = 64 * 1024 * 1024;

/** One span per line, appended as exports arrive; `npm run trace` reads it back. */
export function createSpanFile(file: string): { append(spans: SpanRecord[]): void } {
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file) && statSync(file).size > ROTATE_AT_BYTES) renameSync(file, `${file}.1`);
  return {
    append(spans) {
      if (spans.length === 0) return;
      appendFileSync(file, spans.map((span) => `${JSON.stringify(span)}\n`).join(''));
    },
  };
}

/** Every span in `file`; a line cut short by a crash is skipped. */
export function readSpanFile(file: string): SpanRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as SpanRecord];
      } catch {
        return [];
      }
    });
}
