import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeTraceRequest, encodeTraceResponse } from './otlp-decode.js';
import type { SpanRecord } from './span-record.js';

export interface OtlpReceiverOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Called with the spans of every accepted export request. */
  onSpans: (spans: SpanRecord[]) => void;
  /** Called when a request body cannot be decoded (the exporter gets a 400). */
  onError?: (error: Error) => void;
}

export interface OtlpReceiver {
  /** The OTLP/HTTP base URL to put in OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://127.0.0.1:43180. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy(new Error(`OTLP request larger than ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: Uint8Array | string, contentType: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * A minimal OTLP/HTTP traces endpoint (POST /v1/traces, binary protobuf, optionally gzip) for
 * machines without a collector: `npm start` and the trace proof test run one.
 */
export async function startOtlpReceiver(options: OtlpReceiverOptions): Promise<OtlpReceiver> {
  const server = createServer((request, response) => {
    if (request.url?.split('?', 1)[0] !== '/v1/traces') return reply(response, 404, 'only /v1/traces is served here', 'text/plain');
    if (request.method !== 'POST') return reply(response, 405, 'POST only', 'text/plain');
    if (!request.headers['content-type']?.startsWith('application/x-protobuf')) {
      return reply(response, 415, 'send OTLP as application/x-protobuf (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)', 'text/plain');
    }
    readBody(request)
      .then((raw) => {
        const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        options.onSpans(decodeTraceRequest(body));
        reply(response, 200, encodeTraceResponse(), 'application/x-protobuf');
      })
      .catch((error: unknown) => {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
        if (!response.headersSent) reply(response, 400, 'undecodable OTLP request', 'text/plain');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
