import type { MessageType } from '../../src/index.js';

/** A test event: which aggregate, and its version after the change (the per-aggregate order). */
export interface Counted {
  aggregate: string;
  version: number;
}

/** A JSON-encoded message type (platform tests use no domain contracts). */
export const CountedEvent: MessageType<Counted> = {
  typeName: 'bazaar.test.v1.Counted',
  encode: (message) => new TextEncoder().encode(JSON.stringify(message)),
  decode: (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Counted,
  toJSON: (message) => message,
  create: (partial) => ({ aggregate: '', version: 0, ...partial }),
};
