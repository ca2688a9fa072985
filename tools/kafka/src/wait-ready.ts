import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

/**
 * One attempt: connect an admin client, list topics, and ask the group coordinator for a group's
 * offsets. The last step waits out "coordinator is loading" after a restart (and creates
 * __consumer_offsets on first start), so consumer groups work as soon as we report ready.
 */
async function acceptsClients(brokers: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'kafka-local-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    await admin.fetchOffsets({ groupId: 'kafka-local-readiness-probe', topics: [] });
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Polls until the broker answers a client, the process exits, or timeoutMs passes.
 * Returns undefined when ready, otherwise why not.
 */
export async function waitUntilReady(
  brokers: string,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<string | undefined> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) return `the broker process exited (code ${exitCode}) before accepting clients`;
    if (await acceptsClients(brokers)) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return `the broker did not accept clients within ${timeoutMs} ms`;
}
