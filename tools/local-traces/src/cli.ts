#!/usr/bin/env node
/**
 * `npm run trace -- [order id] [--data-dir <dir>]`: prints the traces of one checkout (the last one
 * when no id is given) from the spans `npm start` keeps in <data dir>/traces/spans.jsonl.
 */
import { parseArgs } from 'node:util';
import { readSpanFile } from './span-file.js';
import { latestOrderId, renderWaterfall, traceIdsOfOrder } from './waterfall.js';
import { localTraceFile } from './index.js';

const usage = `Usage: npm run trace -- [order id] [--data-dir <dir>] [--db]

Prints the trace waterfall of a checkout from the spans npm start keeps locally
(<data dir>/traces/spans.jsonl; data dir .data/ or LAUNCHER_DATA_DIR). Without an
order id: the most recent order. Database spans are folded into a count on their
parent's row unless --db is given.`;

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, db: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length > 1) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const file = localTraceFile(values['data-dir'] ?? process.env['LAUNCHER_DATA_DIR'] ?? '.data');
  const spans = readSpanFile(file);
  if (spans.length === 0) {
    process.stderr.write(`No spans in ${file}. Start the system with \`npm start\` (without OTEL_EXPORTER_OTLP_ENDPOINT) and place an order first.\n`);
    return 1;
  }
  const orderId = positionals[0] ?? latestOrderId(spans);
  const traceIds = orderId ? traceIdsOfOrder(spans, orderId) : [];
  if (!orderId || traceIds.length === 0) {
    process.stderr.write(`No span in ${file} names order ${orderId ?? '(none yet)'}. Spans arrive a few seconds after the work; try again shortly.\n`);
    return 1;
  }
  process.stdout.write(`order ${orderId}: ${traceIds.length} trace${traceIds.length === 1 ? '' : 's'}\n`);
  for (const traceId of traceIds) {
    const lines = renderWaterfall(
      spans.filter((s) => s.traceId === traceId),
      { showDatabaseSpans: values.db ?? false },
    );
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
  return 0;
}

process.exitCode = main();
