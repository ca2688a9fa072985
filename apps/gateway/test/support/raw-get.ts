import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A GET that sends the path nearly verbatim (unlike fetch, which normalizes
 * `..` and re-encodes): only bytes Node refuses to put on the request line
 * are percent-encoded, so bad `%` escapes and traversal reach the server.
 */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const onTheWire = path.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch.isWellFormed() ? ch : '\uFFFD'));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: onTheWire, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
