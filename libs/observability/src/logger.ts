import { pino, type DestinationStream, type Logger } from 'pino';
import { REDACTED, redactSecrets } from './redact.js';
import { traceIds } from './trace-ids.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Service name, written as `service` on every line. */
  service: string;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  level: string;
  /** Where lines go; stdout unless given (tests pass a stream). */
  destination?: DestinationStream;
}

/**
 * Explicit paths for shapes the key walk does not see: values produced by
 * serializers (which run after the walk), such as a serialized `req`.
 */
const SERIALIZED_SECRET_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'metadata.authorization',
];

/**
 * A pino logger writing one JSON object per line to stdout, with the service
 * name, ISO time, level label and the active span's trace/span id on every
 * line. Secret-named keys are redacted at any depth.
 */
export function createLogger(options: LoggerOptions): Logger {
  const logger = pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      mixin() {
        const { traceId, spanId } = traceIds();
        return traceId ? { trace_id: traceId, span_id: spanId } : {};
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactSecrets(object),
      },
      redact: { paths: SERIALIZED_SECRET_PATHS, censor: REDACTED },
    },
    // Synchronous stdout (pino's default) so the last lines before a crash are not lost.
    options.destination ?? pino.destination(1),
  );
  // pino skips the bindings formatter for children, so redact their bindings
  // here; children are created with Object.create(parent) and inherit this.
  const pinoChild = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return pinoChild.call(this, redactSecrets(bindings), childOptions);
  } as Logger['child'];
  return logger;
}
