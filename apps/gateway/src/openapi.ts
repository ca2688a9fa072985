import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from './errors/problem.dto.js';

export const OPENAPI_JSON_PATH = '/api/openapi.json';
export const DOCS_PATH = '/docs';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Bazaar API')
    .setDescription(
      'The public HTTP API of Bazaar. Every error is RFC 9457 `application/problem+json` (see the Problem schema). ' +
        'Send `X-Request-Id` (1-128 of A-Z a-z 0-9 . _ : + / = -) to correlate a request; otherwise one is generated. ' +
        'It is echoed in the response header and in problem bodies. ' +
        'Cart, checkout and order routes need `Authorization: Bearer <JWT>`; catalog reads and shipping quotes are public. ' +
        'Mutating requests are rate limited per user (per IP without a token): 429 with `Retry-After`.',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'RS256/ES256 JWT of the configured issuer and audience.' })
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto, FieldErrorDto] });
}

/** Serves the OpenAPI 3 document at /api/openapi.json and Swagger UI at /docs. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Bazaar API',
  });
}
