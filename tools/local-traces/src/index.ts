import { join } from 'node:path';

export { decodeTraceRequest } from './otlp-decode.js';
export { startOtlpReceiver, type OtlpReceiver, type OtlpReceiverOptions } from './otlp-receiver.js';
export { createSpanFile, readSpanFile } from './span-file.js';
export type { Attributes, AttributeValue, SpanKindName, SpanRecord } from './span-record.js';
export { ORDER_ID_ATTRIBUTE, formatDuration, latestOrderId, renderWaterfall, traceIdsOfOrder, type WaterfallOptions } from './waterfall.js';

/** Where `npm start` keeps the spans of its services: <data dir>/traces/spans.jsonl. */
export function localTraceFile(dataDir: string): string {
  return join(dataDir, 'traces', 'spans.jsonl');
}
