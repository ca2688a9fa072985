import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What an incoming request hands down to the calls it makes: its deadline
 * and the metadata that must follow the request (request id, user id).
 * Set by the gRPC server interceptor and by the HTTP gateway per request.
 */
export interface CallContext {
  deadline?: Date;
  /** Lower-case metadata keys → values, forwarded on every outgoing call. */
  propagated: Record<string, string>;
}

/** Metadata keys that travel from an incoming call to every outgoing one. */
export const PROPAGATED_KEYS = ['x-request-id', 'x-user-id'] as const;

const storage = new AsyncLocalStorage<CallContext>();

export function runWithCallContext<T>(context: CallContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentCallContext(): CallContext | undefined {
  return storage.getStore();
}

/** Milliseconds left before the current request's deadline, or undefined when there is none. */
export function remainingDeadlineMs(now = Date.now()): number | undefined {
  const deadline = storage.getStore()?.deadline;
  return deadline ? deadline.getTime() - now : undefined;
}
