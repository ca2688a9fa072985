import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test run shares. */
export function uniqueKeyPrefix(suite: string): string {
  return `test:cart:${suite}:${randomUUID()}:`;
}

/** Deletes every key under `prefix` (what a test run left behind). */
export async function deleteKeys(prefix: string): Promise<void> {
  const client = createClient({ url: TEST_REDIS_URL });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    await client.close();
  }
}
