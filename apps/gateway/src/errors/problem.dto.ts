import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { statusTitle } from './problem.js';

export class FieldErrorDto {
  @ApiProperty({ description: 'The request parameter at fault, as the client named it.', example: 'page_size' })
  field!: string;

  @ApiProperty({ description: 'What is wrong with it.', example: 'must be an integer from 0 to 100 (0 means the default, 20)' })
  description!: string;
}

/** RFC 9457 problem details, the body of every error response. */
export class ProblemDto {
  @ApiProperty({ description: 'URI reference naming the problem type; `about:blank` means "see status".', example: 'about:blank' })
  type!: string;

  @ApiProperty({ description: 'The HTTP reason phrase of the status.', example: 'Bad Request' })
  title!: string;

  @ApiProperty({ description: 'The HTTP status code.', example: 400 })
  status!: number;

  @ApiPropertyOptional({ description: 'What went wrong with this request, for humans.', example: 'The request has invalid parameters; see errors.' })
  detail?: string;

  @ApiPropertyOptional({ description: 'The path of the request that failed.', example: '/api/products' })
  instance?: string;

  @ApiPropertyOptional({ description: 'The request id, also in the X-Request-Id response header; quote it when reporting a problem.', example: '3f0e5a5e-0c2b-4bb0-9a43-4d2f1b8f5b9e' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One entry per rejected parameter (400 only).' })
  errors?: FieldErrorDto[];
}

const WHEN: Record<number, string> = {
  400: 'Invalid parameters (listed in `errors`), or a rule of the request broken (gRPC INVALID_ARGUMENT, FAILED_PRECONDITION).',
  401: 'No bearer token, or one that is malformed, expired or invalid (with a `WWW-Authenticate: Bearer` challenge).',
  404: 'No such resource (gRPC NOT_FOUND); also what another user\'s resource looks like.',
  409: 'The request conflicts with the current state (e.g. checking out an empty cart).',
  429: 'Too many mutating requests; wait the seconds in `Retry-After`.',
  502: 'An upstream service failed unexpectedly.',
  503: 'An upstream service is unavailable, or the gateway is shutting down; retry.',
  504: 'An upstream service did not answer within the request deadline.',
};

/** Documents the listed error statuses as application/problem+json. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: WHEN[status] ?? statusTitle(status),
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
