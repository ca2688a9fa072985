import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { catalogV1, messages } from '@bazaar/contracts';
import { CLICKSTREAM, type Clickstream } from '../clickstream/clickstream.js';
import { visitorOf } from '../clickstream/visitor.js';
import { grpcErrorToProblem, isGrpcError } from '../errors/grpc-to-http.js';
import { ProblemError, problem } from '../errors/problem.js';
import { ApiProblemResponses } from '../errors/problem.dto.js';
import { CATALOG_CLIENT, type CatalogClient } from './catalog-client.js';
import { ProductDto, ProductPageDto } from './product.dto.js';
import { MAX_PAGE_SIZE, MAX_QUERY_LENGTH, PRODUCT_FIELD_NAMES, parseProductId, parseProductQuery } from './product-query.js';

/** Relays a catalog failure as the problem its gRPC status maps to. */
async function fromCatalog<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (isGrpcError(error)) throw new ProblemError(grpcErrorToProblem(error, PRODUCT_FIELD_NAMES), { cause: error });
    throw error;
  }
}

/** Proto3 JSON of a page, with the repeated field and token always present. */
function pageJson(page: catalogV1.ListProductsResponse | catalogV1.SearchProductsResponse): ProductPageDto {
  return { products: [], nextPageToken: '', ...(catalogV1.ListProductsResponse.toJSON(page) as Partial<ProductPageDto>) };
}

@ApiTags('products')
@Controller('api/products')
export class ProductsController {
  constructor(
    @Inject(CATALOG_CLIENT) private readonly catalog: CatalogClient,
    @Inject(CLICKSTREAM) private readonly clickstream: Clickstream,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List or search products',
    description: 'With a non-empty `q`: full-text search, best match first. Without: the catalog in a stable order, optionally by category.',
  })
  @ApiQuery({ name: 'q', required: false, description: `Search text (at most ${MAX_QUERY_LENGTH} characters, at least one letter or digit).`, schema: { type: 'string', maxLength: MAX_QUERY_LENGTH } })
  @ApiQuery({ name: 'category', required: false, description: 'Category slug to list; not combinable with `q`.', schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 40 } })
  @ApiQuery({ name: 'page_size', required: false, description: 'Results per page; 0 or absent means 20.', schema: { type: 'integer', minimum: 0, maximum: MAX_PAGE_SIZE } })
  @ApiQuery({ name: 'page_token', required: false, description: '`nextPageToken` of the previous page, with the same `q`/`category`.', schema: { type: 'string', maxLength: 512 } })
  @ApiOkResponse({ type: ProductPageDto, description: 'One page of products.' })
  @ApiProblemResponses(400, 502, 503, 504)
  async list(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest): Promise<ProductPageDto> {
    const parsed = parseProductQuery(query);
    if (parsed.kind === 'list') return pageJson(await fromCatalog(this.catalog.listProducts(parsed.request)));
    const page = await fromCatalog(this.catalog.searchProducts(parsed.request));
    const { query: text, pageToken } = parsed.request;
    // Later pages of the same search are not searches of their own.
    if (!pageToken) this.clickstream.emit(messages.ProductsSearched, { ...visitorOf(request), query: text, resultCount: page.products.length });
    return pageJson(page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one product' })
  @ApiParam({ name: 'id', description: 'Product id.', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } })
  @ApiOkResponse({ type: ProductDto, description: 'The product.' })
  @ApiProblemResponses(400, 404, 502, 503, 504)
  async get(@Param('id') id: string, @Req() request: FastifyRequest): Promise<ProductDto> {
    const { product } = await fromCatalog(this.catalog.getProduct({ id: parseProductId(id) }));
    if (!product) throw new ProblemError(problem(502, 'An upstream service failed.'));
    this.clickstream.emit(messages.ProductViewed, { ...visitorOf(request), productId: product.id });
    return catalogV1.Product.toJSON(product) as ProductDto;
  }
}
