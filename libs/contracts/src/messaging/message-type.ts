/** What the generated code offers for every message (ts-proto's MessageFns). */
interface GeneratedMessage<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromPartial(object: never): T;
  toJSON(message: T): unknown;
}

/**
 * A message that may travel on Kafka: its fully qualified protobuf name (the
 * `type` header of every record) and its codec.
 */
export interface MessageType<T = unknown> {
  readonly typeName: string;
  encode(message: T): Uint8Array;
  decode(bytes: Uint8Array): T;
  toJSON(message: T): unknown;
  /** Builds a full message from a partial one (defaults for the rest). */
  create(partial: Partial<T>): T;
}

export type MessageOf<M> = M extends MessageType<infer T> ? T : never;

export function messageType<T>(protobufPackage: string, name: string, generated: GeneratedMessage<T>): MessageType<T> {
  return {
    typeName: `${protobufPackage}.${name}`,
    encode: (message) => generated.encode(message).finish(),
    decode: (bytes) => generated.decode(bytes),
    toJSON: (message) => generated.toJSON(message),
    create: (partial) => generated.fromPartial(partial as never),
  };
}
