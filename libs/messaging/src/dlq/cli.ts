#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@bazaar/config';
import { createLogger } from '@bazaar/observability';
import { kafkaConfig, kafkaSettings } from '../kafka/config.js';
import { createKafkaConnection } from '../kafka/connection.js';
import { listDlq } from './list.js';
import { dlqTopicOf, replayDlq } from './replay.js';

const USAGE = `usage:
  dlq replay <topic-or-dlq-topic> [--limit N] [--dry-run]   re-publish dead letters to their source topic
  dlq list <dlq-topic> [--limit N]                          show type, key, error, attempts, time (no payloads)
Reads KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_* for MSK).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(64);
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { limit: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, topic, ...extra] = positionals;
  if (!command || !topic || extra.length > 0) fail('expected a command and one topic');
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) fail(`--limit must be a positive integer, got ${values.limit}`);

  const config = loadConfigOrExit('dlq', kafkaConfig);
  const logger = createLogger({ service: 'dlq', level: process.env['LOG_LEVEL'] ?? 'warn', destination: process.stderr });
  const connection = createKafkaConnection({ ...kafkaSettings(config), clientId: 'bazaar-dlq', logger });
  const dlqTopic = dlqTopicOf(topic);

  if (command === 'list') {
    const letters = await listDlq(connection, { dlqTopic, limit });
    for (const letter of letters) {
      process.stdout.write(
        `${letter.failedAt ?? '-'}  ${dlqTopic}[${letter.partition}]@${letter.offset}  type=${letter.type ?? '-'}  key=${letter.key ?? '-'}  ` +
          `attempts=${letter.attempts ?? '-'}  error=${JSON.stringify(letter.error ?? '')}\n`,
      );
    }
    process.stdout.write(`${letters.length} dead letter(s) in ${dlqTopic}\n`);
  } else if (command === 'replay') {
    const dryRun = values['dry-run'];
    const { replayed } = await replayDlq(connection, {
      dlqTopic,
      limit,
      dryRun,
      onRecord: (r) =>
        process.stdout.write(`${dryRun ? 'would replay' : 'replayed'} ${dlqTopic}[${r.partition}]@${r.offset} type=${r.type ?? '-'} key=${r.key ?? '-'} → ${r.toTopic}\n`),
    });
    process.stdout.write(`${dryRun ? 'would replay' : 'replayed'} ${replayed} record(s) from ${dlqTopic}\n`);
  } else {
    fail(`unknown command ${command}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`dlq: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
