import type { Logger } from '@bazaar/observability';
import { logLevel, type logCreator } from 'kafkajs';

/** kafkajs fields that could carry credentials; dropped before logging. */
const SECRET_FIELDS = /pass|secret|token|sasl|authorization/i;

function scrub(extra: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extra)) {
    if (!SECRET_FIELDS.test(key)) clean[key] = value;
  }
  return clean;
}

/** Routes kafkajs's own logs into a pino logger (child `component: kafkajs`). */
export function pinoLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
      const fields = { namespace, ...scrub(extra) };
      switch (level) {
        case logLevel.ERROR:
          kafkaLogger.error(fields, message);
          break;
        case logLevel.WARN:
          kafkaLogger.warn(fields, message);
          break;
        case logLevel.INFO:
          kafkaLogger.info(fields, message);
          break;
        default:
          kafkaLogger.debug(fields, message);
      }
    };
}

/** The kafkajs level matching a pino level, so kafkajs does not build entries pino would drop. */
export function kafkaLogLevel(logger: Logger): logLevel {
  switch (logger.level) {
    case 'trace':
    case 'debug':
      return logLevel.DEBUG;
    case 'info':
      return logLevel.INFO;
    case 'warn':
      return logLevel.WARN;
    case 'silent':
      return logLevel.NOTHING;
    default:
      return logLevel.ERROR;
  }
}
