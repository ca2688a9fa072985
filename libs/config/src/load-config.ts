import { z } from 'zod';

export interface ConfigIssue {
  /** The environment variable at fault, e.g. `GRPC_PORT`. */
  variable: string;
  /** What the variable must hold, in words. */
  expected: string;
  /** The value received, or undefined when unset. Secrets are never echoed. */
  received?: string;
}

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL)/i;

/** Thrown when the environment does not satisfy a service's config schema. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly issues: ConfigIssue[],
  ) {
    super(
      `Invalid configuration for ${service}:\n` +
        issues
          .map(
            (i) =>
              `  - ${i.variable}: expected ${i.expected}` +
              (i.received === undefined ? ' (not set)' : `, got ${JSON.stringify(i.received)}`),
          )
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

function describeReceived(variable: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (SECRET_NAME.test(variable) || /:\/\/[^/]*:[^@]*@/.test(value)) return '<redacted>';
  return value;
}

/**
 * Parses `env` against a zod object schema whose keys are environment
 * variable names. Every problem is reported at once, each naming the variable
 * and what it expects (the schema's `.describe()` text when present).
 */
export function loadConfig<S extends z.ZodObject>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    // An empty variable means "unset": `FOO= npm start` should fall back to the default.
    input[key] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue): ConfigIssue => {
    const variable = String(issue.path[0] ?? '(root)');
    const field = schema.shape[variable] as z.ZodType | undefined;
    // A cross-variable rule (superRefine) says what it needs in its message; a field's own check, in its description.
    const expected = issue.code === 'custom' ? issue.message : (field?.description ?? issue.message);
    return { variable, expected, received: describeReceived(variable, input[variable]) };
  });
  throw new ConfigError(service, issues);
}

/**
 * Like loadConfig, but on a bad environment prints the problems to stderr
 * and exits with EX_CONFIG (78), before any server starts.
 */
export function loadConfigOrExit<S extends z.ZodObject>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  try {
    return loadConfig(service, schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
