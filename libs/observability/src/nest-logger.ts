import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';

const STACK_FORMAT = /^(.)+\n\s+at .+:\d+:\d+/;

/** Nest's levels from most to least severe, with the pino level each maps to. */
const NEST_TO_PINO: ReadonlyArray<[LogLevel, Level]> = [
  ['fatal', 'fatal'],
  ['error', 'error'],
  ['warn', 'warn'],
  ['log', 'info'],
  ['debug', 'debug'],
  ['verbose', 'trace'],
];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Nest's LoggerService on top of pino, so Nest's own lines (bootstrap, routes,
 * exceptions) come out as JSON with trace ids like the rest of the app:
 * `NestFactory.create(AppModule, { logger: new NestLogger(logger) })`.
 * Follows Nest's calling convention: a trailing string is the context, and
 * for error/fatal a stack-shaped string is the stack.
 */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params, false);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params, false);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params, false);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params, false);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  /** Nest passes the enabled levels; pino has a threshold, so take the most verbose one. */
  setLogLevels(levels: LogLevel[]): void {
    const enabled = NEST_TO_PINO.filter(([nest]) => levels.includes(nest));
    this.logger.level = enabled.at(-1)?.[1] ?? 'silent';
  }

  private write(level: Level, message: unknown, params: unknown[], mayHaveStack: boolean): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = params.filter((p) => p !== undefined);
    const fields: Record<string, unknown> = {};
    const last = rest.at(-1);
    if (typeof last === 'string' && !STACK_FORMAT.test(last)) fields['context'] = rest.pop();
    if (mayHaveStack) {
      const stackAt = rest.findIndex((p) => typeof p === 'string' && STACK_FORMAT.test(p));
      if (stackAt >= 0) fields['stack'] = rest.splice(stackAt, 1)[0];
    }
    const extra: unknown[] = [];
    for (const param of rest) {
      if (isPlainObject(param)) Object.assign(fields, param);
      else extra.push(param);
    }
    if (extra.length > 0) fields['args'] = extra;

    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (isPlainObject(message)) {
      this.logger[level]({ ...fields, ...message });
    } else {
      this.logger[level](fields, typeof message === 'string' ? message : String(message));
    }
  }
}
