import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { renderMetrics } from '@bazaar/observability';
import { Readiness } from './readiness.js';

/** Kubernetes probes and the Prometheus scrape endpoint, beside the API on the HTTP port. */
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get('healthz')
  @Header('cache-control', 'no-store')
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Header('cache-control', 'no-store')
  ready(@Res({ passthrough: true }) reply: FastifyReply): { status: string } {
    if (this.readiness.isReady()) return { status: 'ready' };
    reply.status(503);
    return { status: 'not ready' };
  }

  @Get('metrics')
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await renderMetrics();
    await reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  }
}
