import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

/** The last `lines` lines of a (possibly large) log file, for error messages. */
export function tailFile(file: string, lines = 30): string {
  if (!existsSync(file)) return '(no log written)';
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
}
