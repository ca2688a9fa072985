import { Partitioners, type Producer } from 'kafkajs';
import { clientOf, type KafkaConnection } from './connection.js';

/** A record as bytes and string headers, with no Bazaar semantics (DLQ writes, replays). */
export interface RawRecord {
  key: string | null;
  value: Uint8Array | null;
  headers: Record<string, string>;
}

export interface RecordSender {
  send(topic: string, records: readonly RawRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** An idempotent, acks=all producer for records that are already complete. */
export function createRecordSender(connection: KafkaConnection): RecordSender {
  const producer: Producer = clientOf(connection).producer({
    // Murmur2 key hashing, as Java clients do: one key lands on the same partition from any client.
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  let connecting: Promise<void> | undefined;
  return {
    send: async (topic, records) => {
      connecting ??= producer.connect().catch((error: unknown) => {
        connecting = undefined;
        throw error;
      });
      await connecting;
      await producer.send({
        topic,
        acks: -1,
        messages: records.map((record) => ({
          key: record.key,
          value: record.value === null ? null : Buffer.from(record.value),
          headers: record.headers,
        })),
      });
    },
    disconnect: async () => {
      connecting = undefined;
      await producer.disconnect();
    },
  };
}
