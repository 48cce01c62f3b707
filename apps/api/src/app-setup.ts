import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { ErrorFilter } from './errors/error.filter';
import { requestLog } from './logging/request-log';
import { OPENAPI_DOCUMENT, type OpenApiDocument } from './openapi/openapi.tokens';

/** Everything main.ts and the tests both need on the app: request log, errors, Swagger UI. */
export function configureApp(app: INestApplication, options: { requestLog?: boolean } = {}): INestApplication {
  if (options.requestLog ?? true) app.use(requestLog);
  app.useGlobalFilters(new ErrorFilter());
  // The hand-built document (from the zod schemas); /openapi.json is served by DocsController.
  SwaggerModule.setup('docs', app, app.get<OpenApiDocument>(OPENAPI_DOCUMENT) as never, {
    raw: false,
    customSiteTitle: 'Motcua API',
  });
  return app;
}
