import { sql } from '@bazaar/persistence';
import { kyselyOf, type AnyDatabase, type AnyKysely, type AnyTransaction } from '../outbox/tables.js';
import type { PositionReader } from '../consumer/lag.js';

/** A partition's stored position. */
export interface PartitionPosition {
  topic: string;
  partition: number;
  /** The first offset not yet applied. */
  nextOffset: bigint;
  /** The latest event time applied from this partition, or null before the first record. */
  streamTime: Date | null;
}

interface OffsetRow {
  topic: string;
  partition: number;
  next_offset: string;
  stream_time: Date | null;
}

const toPosition = (row: OffsetRow): PartitionPosition => ({
  topic: row.topic,
  partition: row.partition,
  nextOffset: BigInt(row.next_offset),
  streamTime: row.stream_time,
});

/**
 * Has PostgreSQL end this transaction's session once it sits idle for `ms`: an instance that froze or lost
 * its node mid-batch then lets go of its partition's row, which the instance owning the partition now waits
 * for. Without it a dead node's connection holds the lock until TCP keepalive gives up (hours).
 */
export async function limitIdleTransaction(trx: AnyTransaction, ms: number): Promise<void> {
  await sql`select set_config('idle_in_transaction_session_timeout', ${String(ms)}, true)`.execute(trx);
}

/**
 * Locks the partition's row for the rest of `trx` (creating it at offset 0) and returns it: a second
 * instance applying the same partition during a rebalance waits here, then sees what the first applied.
 */
export async function lockPartition(trx: AnyTransaction, consumer: string, topic: string, partition: number): Promise<PartitionPosition> {
  await sql`
    insert into messaging_stream_offsets (consumer, topic, partition, next_offset)
    values (${consumer}, ${topic}, ${partition}, 0)
    on conflict do nothing`.execute(trx);
  const { rows } = await sql<OffsetRow>`
    select topic, partition, next_offset::text as next_offset, stream_time
    from messaging_stream_offsets
    where consumer = ${consumer} and topic = ${topic} and partition = ${partition}
    for update`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error(`stream offsets: no row for ${consumer} ${topic}/${partition} after insert`);
  return toPosition(row);
}

export async function savePosition(trx: AnyTransaction, consumer: string, position: PartitionPosition): Promise<void> {
  await sql`
    update messaging_stream_offsets
    set next_offset = ${position.nextOffset.toString()}::bigint, stream_time = ${position.streamTime}, updated_at = now()
    where consumer = ${consumer} and topic = ${position.topic} and partition = ${position.partition}`.execute(trx);
}

/** Every stored position of a consumer on the given topics. */
export async function readPositions(database: AnyDatabase | AnyKysely, consumer: string, topics: readonly string[]): Promise<PartitionPosition[]> {
  if (topics.length === 0) return [];
  const { rows } = await sql<OffsetRow>`
    select topic, partition, next_offset::text as next_offset, stream_time
    from messaging_stream_offsets
    where consumer = ${consumer} and topic in (${sql.join(topics)})
    order by topic, partition`.execute(kyselyOf(database));
  return rows.map(toPosition);
}

/** The lag reporter's view of a stream consumer: its stored positions. */
export function storedPositions(database: AnyDatabase, consumer: string): PositionReader {
  return async (_admin, topics) =>
    (await readPositions(database, consumer, topics)).map(({ topic, partition, nextOffset }) => ({ topic, partition, nextOffset: Number(nextOffset) }));
}
