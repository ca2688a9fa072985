import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { renderMetrics } from './metrics.js';

export interface AdminServerOptions {
  /** 0 picks a free port; the chosen one is returned. */
  port: number;
  /** Defaults to 0.0.0.0 so kubelet probes and Prometheus can reach it. */
  host?: string;
  /** Whether the service can take traffic now (dependencies up, not draining). */
  isReady: () => boolean;
  /** Whether the process is healthy; defaults to always true. */
  isLive?: () => boolean;
  logger?: Logger;
}

export interface AdminServer {
  port: number;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

function sendProblem(res: ServerResponse, status: number, title: string, detail?: string): void {
  sendJson(res, status, { type: 'about:blank', title, status, ...(detail ? { detail } : {}) }, 'application/problem+json');
}

/** A probe that throws counts as failing, rather than crashing the server. */
function probe(check: () => boolean, name: string, logger?: Logger): boolean {
  try {
    return check() === true;
  } catch (err) {
    logger?.warn({ err, probe: name }, 'health probe threw; reporting unhealthy');
    return false;
  }
}

/**
 * A tiny HTTP server beside a gRPC service for Kubernetes probes and
 * Prometheus: GET /metrics, /healthz (liveness), /readyz (readiness).
 */
export async function startAdminServer(options: AdminServerOptions): Promise<AdminServer> {
  const { logger } = options;
  const isLive = options.isLive ?? (() => true);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?', 1)[0];
    const route = path === '/metrics' || path === '/healthz' || path === '/readyz' ? path : undefined;
    if (!route) return sendProblem(res, 404, 'Not Found', `No admin endpoint at ${path}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendProblem(res, 405, 'Method Not Allowed');
    }
    if (route === '/healthz') {
      const live = probe(isLive, 'live', logger);
      return sendJson(res, live ? 200 : 503, { status: live ? 'ok' : 'unhealthy' });
    }
    if (route === '/readyz') {
      const ready = probe(options.isReady, 'ready', logger);
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    }
    const { contentType, body } = await renderMetrics();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger?.error({ err, url: req.url }, 'admin endpoint failed');
      if (!res.headersSent) sendProblem(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  // Probes are short-lived; do not let idle keep-alive sockets hold up close().
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  logger?.info({ port }, 'admin server listening (/metrics, /healthz, /readyz)');

  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
