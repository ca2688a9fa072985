import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reusable, self-describing schema pieces for environment variables. */
export const envVars = {
  port: (fallback: number) =>
    z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(fallback)
      .describe(`a TCP port number 0-65535 (default ${fallback}; 0 picks a free port)`),

  positiveInt: (fallback: number, what: string) =>
    z.coerce.number().int().positive().default(fallback).describe(`${what}: a positive integer (default ${fallback})`),

  durationMs: (fallback: number, what: string) =>
    z.coerce
      .number()
      .int()
      .positive()
      .default(fallback)
      .describe(`${what}: a positive number of milliseconds (default ${fallback})`),

  logLevel: () => z.enum(LOG_LEVELS).default('info').describe(`one of ${LOG_LEVELS.join(', ')} (default info)`),

  hostPort: (fallback: string, what: string) =>
    z
      .string()
      .regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/)
      .default(fallback)
      .describe(`${what}: host:port (default ${fallback})`),

  postgresUrl: () =>
    z
      .url({ protocol: /^postgres(ql)?$/ })
      .optional()
      .describe('a postgres:// or postgresql:// connection URL, or unset for embedded PGlite'),

  optionalUrl: (what: string) => z.url().optional().describe(`${what}: an absolute URL, or unset`),

  flag: (fallback: boolean, what: string) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1')
      .describe(`${what}: true or false (default ${fallback})`),

  text: (fallback: string, what: string) => z.string().min(1).default(fallback).describe(`${what} (default ${fallback})`),
};

/**
 * What every Bazaar service process reads besides its own settings: where to
 * bind, how loud to log, and how to shut down behind a load balancer.
 */
export const serviceRuntimeVars = {
  HOST: envVars.text('0.0.0.0', 'interface to bind'),
  LOG_LEVEL: envVars.logLevel(),
  SHUTDOWN_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('milliseconds to keep serving after readiness turns off (default 0; 5000 behind a load balancer)'),
  DRAIN_TIMEOUT_MS: envVars.durationMs(10_000, 'time in-flight requests get to finish on shutdown'),
};

/** The SQL settings of a service that owns a database (PostgreSQL, or embedded PGlite under DATA_DIR). */
export const databaseVars = (service: string) => ({
  DATABASE_URL: envVars.postgresUrl(),
  DATA_DIR: envVars.text(`.data/${service}`, 'directory for embedded PGlite data, or memory:// for none'),
  DB_POOL_SIZE: envVars.positiveInt(10, 'PostgreSQL pool size'),
  DB_STATEMENT_TIMEOUT_MS: envVars.durationMs(5_000, 'PostgreSQL statement timeout'),
});
