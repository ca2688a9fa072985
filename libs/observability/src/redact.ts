export const REDACTED = '[REDACTED]';

/**
 * Keys whose values never reach a log line, matched case-insensitively at any
 * depth: credentials, session material and payment card data.
 */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|jwt|cvv|cvc|cvv2|pan|pin|otp|card.*)$|password|passwd|secret|token|credential|private[-_]?key/i;

const MAX_DEPTH = 8;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const IN_PROGRESS = Symbol('in-progress');

/**
 * Returns `value` with every secret-named key replaced by `[REDACTED]`.
 * Copy-on-write: untouched (sub)objects are returned as-is, the input is never
 * mutated. Only plain objects and arrays are walked; class instances (errors,
 * requests) are left to their serializers. Cycles become "[Circular]".
 */
export function redactSecrets<T>(value: T): T {
  return walk(value, 0, new Map()) as T;
}

function walk(value: unknown, depth: number, done: Map<object, unknown>): unknown {
  if (!isPlainContainer(value) || depth > MAX_DEPTH) return value;
  if (done.has(value)) {
    const result = done.get(value);
    return result === IN_PROGRESS ? '[Circular]' : result;
  }
  done.set(value, IN_PROGRESS);
  let copy: Record<string, unknown> | unknown[] | undefined;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const next = walk(item, depth + 1, done);
      if (next !== item) ((copy as unknown[] | undefined) ??= [...value])[i] = next;
    });
  } else {
    for (const [key, item] of Object.entries(value)) {
      const next = isSecretKey(key) ? REDACTED : walk(item, depth + 1, done);
      if (next !== item) ((copy as Record<string, unknown> | undefined) ??= { ...value })[key] = next;
    }
  }
  const result = copy ?? value;
  done.set(value, result);
  return result;
}
