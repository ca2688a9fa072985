import { styleText } from 'node:util';

/**
 * Turns service log lines (pino JSON) into short human lines:
 * `12:34:56.789 INFO  listening on :8080 trace=4bf92f35`.
 * Lines that are not pino JSON (stack traces, Node warnings) pass through.
 */

export interface FormatOptions {
  /** ANSI colours for the level (terminals only). */
  color?: boolean;
}

interface PinoRecord {
  time?: unknown;
  level?: unknown;
  msg?: unknown;
  trace_id?: unknown;
  err?: unknown;
}

const LEVEL_LABELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const LEVEL_COLORS: Record<string, Parameters<typeof styleText>[0]> = {
  trace: 'gray',
  debug: 'gray',
  info: 'green',
  warn: 'yellow',
  error: 'red',
  fatal: ['red', 'bold'],
};

export function compactLogLine(line: string, options: FormatOptions = {}): string {
  const text = line.replace(/\r$/, '');
  const record = parseRecord(text);
  if (!record) return text;
  const parts: string[] = [];
  const time = clock(record.time);
  if (time) parts.push(time);
  const level = levelLabel(record.level);
  if (level) parts.push(colorLevel(level, options.color === true));
  parts.push(typeof record.msg === 'string' ? record.msg : '');
  const error = errorSummary(record.err);
  if (error) parts.push(error);
  if (typeof record.trace_id === 'string' && record.trace_id.length > 0) parts.push(`trace=${record.trace_id.slice(0, 8)}`);
  return parts.join(' ').trimEnd();
}

/** `catalog | text`, with the name padded so columns line up across services. */
export function prefixLine(service: string, width: number, text: string): string {
  return `${service.padEnd(width)} | ${text}`;
}

function parseRecord(text: string): PinoRecord | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return 'msg' in value || 'level' in value ? (value as PinoRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** Local wall-clock time, HH:MM:SS.mmm; pino writes epoch ms or ISO strings. */
function clock(time: unknown): string | undefined {
  if (typeof time !== 'number' && typeof time !== 'string') return undefined;
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return undefined;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function levelLabel(level: unknown): string | undefined {
  if (typeof level === 'number') return LEVEL_LABELS[level] ?? String(level);
  if (typeof level === 'string' && level.length > 0) return level;
  return undefined;
}

function colorLevel(level: string, color: boolean): string {
  const padded = level.toUpperCase().padEnd(5);
  const style = LEVEL_COLORS[level];
  return color && style ? styleText(style, padded, { validateStream: false }) : padded;
}

function errorSummary(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, message } = err as { type?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  return typeof type === 'string' ? `(${type}: ${message})` : `(${message})`;
}
