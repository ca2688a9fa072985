/** The structural logger the persistence layer writes to (pino-compatible). */
export interface PersistenceLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: PersistenceLogger = {
  info: () => undefined,
  error: () => undefined,
};
