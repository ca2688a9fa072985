import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SpanRecord } from './span-record.js';

/** Past this size the file is set aside as `<file>.1` (replacing an older one) and a new one started. */
const ROTATE_AT_BYTES = 64 * 1024 * 1024;

export interface SpanFileOptions {
  rotateAtBytes?: number;
}

/**
 * One span per line, appended as exports arrive; `npm run trace` reads it back. A long `npm start` keeps
 * at most two files of `rotateAtBytes` each: the current one and the one before.
 */
export function createSpanFile(file: string, options: SpanFileOptions = {}): { append(spans: SpanRecord[]): void } {
  const rotateAtBytes = options.rotateAtBytes ?? ROTATE_AT_BYTES;
  mkdirSync(dirname(file), { recursive: true });
  let size = existsSync(file) ? statSync(file).size : 0;
  return {
    append(spans) {
      if (spans.length === 0) return;
      if (size > rotateAtBytes) {
        renameSync(file, `${file}.1`);
        size = 0;
      }
      const lines = spans.map((span) => `${JSON.stringify(span)}\n`).join('');
      appendFileSync(file, lines);
      size += Buffer.byteLength(lines);
    },
  };
}

/** Every span in `file` and in the one rotated out before it, oldest first; a line cut short by a crash is skipped. */
export function readSpanFile(file: string): SpanRecord[] {
  return [`${file}.1`, file].flatMap((path) => (existsSync(path) ? parseLines(readFileSync(path, 'utf8')) : []));
}

function parseLines(text: string): SpanRecord[] {
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as SpanRecord];
    } catch {
      return [];
    }
  });
}
