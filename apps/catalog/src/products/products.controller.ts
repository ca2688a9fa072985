import { Controller } from '@nestjs/common';
import { catalogV1 } from '@bazaar/contracts';
import { GrpcService, InvalidArgumentError, NotFoundError, type GrpcController } from '@bazaar/grpc';
import { categoryViolations } from './category.js';
import { encodePageToken, parsePageRequest } from './page-request.js';
import { toProductMessage } from './product-mapper.js';
import { ProductRepository } from './product-repository.js';
import { toPrefixTsQuery } from './search-query.js';

const PRODUCT_ID = /^[A-Z0-9]{10}$/;

@Controller()
@GrpcService(catalogV1.CatalogServiceService)
export class ProductsController implements GrpcController<typeof catalogV1.CatalogServiceService> {
  constructor(private readonly products: ProductRepository) {}

  async listProducts(request: catalogV1.ListProductsRequest): Promise<catalogV1.ListProductsResponse> {
    const scope = `list:${request.category}`;
    const page = parsePageRequest(request.pageSize, request.pageToken, scope, categoryViolations(request.category));
    const afterId = page.cursor?.kind === 'after' ? page.cursor.id : undefined;
    const { items, hasMore } = await this.products.listAfter(afterId, page.pageSize, request.category);
    const last = items.at(-1);
    return {
      products: items.map(toProductMessage),
      nextPageToken: hasMore && last ? encodePageToken({ kind: 'after', id: last.id }, scope) : '',
    };
  }

  async getProduct(request: catalogV1.GetProductRequest): Promise<catalogV1.GetProductResponse> {
    if (!request.id) throw InvalidArgumentError.field('id', 'is required');
    if (!PRODUCT_ID.test(request.id)) throw InvalidArgumentError.field('id', 'must be 10 characters A-Z or 0-9');
    const row = await this.products.findById(request.id);
    if (!row) throw new NotFoundError('product', request.id);
    return { product: toProductMessage(row) };
  }

  async searchProducts(request: catalogV1.SearchProductsRequest): Promise<catalogV1.SearchProductsResponse> {
    if (!request.query.trim()) throw InvalidArgumentError.field('query', 'is required');
    const tsQuery = toPrefixTsQuery(request.query);
    const scope = `search:${tsQuery}`;
    const page = parsePageRequest(request.pageSize, request.pageToken, scope);
    const offset = page.cursor?.kind === 'offset' ? page.cursor.offset : 0;
    const { items, hasMore } = await this.products.search(tsQuery, offset, page.pageSize);
    return {
      products: items.map(toProductMessage),
      nextPageToken: hasMore ? encodePageToken({ kind: 'offset', offset: offset + items.length }, scope) : '',
    };
  }
}
