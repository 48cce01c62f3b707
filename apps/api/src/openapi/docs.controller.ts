import { Controller, Get, Inject } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { buildAsyncApiDocument } from './asyncapi-document';
import { OPENAPI_DOCUMENT, type OpenApiDocument } from './openapi.tokens';

/** The machine-readable contracts: OpenAPI (HTTP) and AsyncAPI (Kafka). Swagger UI is at /docs. */
@Controller()
export class DocsController {
  private readonly asyncapi: Record<string, unknown>;

  constructor(
    @Inject(OPENAPI_DOCUMENT) private readonly openapi: OpenApiDocument,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.asyncapi = buildAsyncApiDocument(config.kafkaBrokers);
  }

  @Get('openapi.json')
  openApi(): OpenApiDocument {
    return this.openapi;
  }

  @Get('asyncapi.json')
  asyncApi(): Record<string, unknown> {
    return this.asyncapi;
  }
}
