import type { DynamicModule, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { ErrorFilter } from './errors/error.filter';
import { allowedMethods } from './http/allowed-methods';
import { bodyParserErrors, jsonOnly, JSON_PARSER_OPTIONS } from './http/json-body';
import { requestLog } from './logging/request-log';
import { postalRawBody } from './http/raw-body';
import type { AuditLog } from '@motcua/store';
import { auditTrail } from './audit/audit-trail';
import { authenticate } from './auth/authenticate';
import { TOKEN_VERIFIER, type TokenVerifier } from './auth/token-verifier';
import { securityHeaders } from './http/security-headers';
import { API_CONFIG, type ApiConfig } from './config/api-config';
import { WEB_CLIENT_ID, webPages } from './web/web-pages';
import { AUDIT_LOG } from './store/store.tokens';
import { OPENAPI_DOCUMENT, type OpenApiDocument } from './openapi/openapi.tokens';

/**
 * The API application as main.ts and the tests both build it: Nest's own body parsers are off
 * (they would read urlencoded forms), the JSON parser is ours to configure and its errors ours
 * to answer.
 */
export async function createApiApp(
  module: DynamicModule,
  options: { logger: LoggerService | false; bufferLogs?: boolean; requestLog?: boolean },
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: options.logger, bufferLogs: options.bufferLogs, bodyParser: false });
  return configureApp(app, { requestLog: options.requestLog });
}

/**
 * `/API/V1/PROCEDURES` is not `/api/v1/procedures`: one spelling per resource, so caches, logs
 * and access rules see one path. Express reads its setting when it creates its router, which
 * Nest has done by now: the router's own flag applies to the routes registered after it.
 */
function caseSensitivePaths(app: NestExpressApplication): void {
  app.set('case sensitive routing', true);
  const router = (app.getHttpAdapter().getInstance() as { router?: { caseSensitive?: boolean } }).router;
  if (router) router.caseSensitive = true;
}

/** Everything on the app before it listens: routing, request log, body, errors, Swagger UI. */
function configureApp(app: NestExpressApplication, options: { requestLog?: boolean } = {}): NestExpressApplication {
  caseSensitivePaths(app);
  // Naming the framework helps only someone matching it against known vulnerabilities.
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(authenticate(app.get<TokenVerifier>(TOKEN_VERIFIER)));
  const config = app.get<ApiConfig>(API_CONFIG);
  app.use(webPages({ dir: config.dashboardDir, issuer: config.auth.issuer, clientId: WEB_CLIENT_ID, temporalUi: config.temporalUi, namespace: config.temporal.namespace }));
  if (options.requestLog ?? true) app.use(requestLog);
  app.use(allowedMethods);
  app.use(auditTrail(app.get<AuditLog>(AUDIT_LOG)));
  app.use(postalRawBody);
  app.use(jsonOnly);
  app.useBodyParser('json', JSON_PARSER_OPTIONS);
  app.use(bodyParserErrors);
  app.useGlobalFilters(new ErrorFilter());
  // The hand-built document (from the zod schemas); /openapi.json is served by DocsController.
  SwaggerModule.setup('docs', app, app.get<OpenApiDocument>(OPENAPI_DOCUMENT) as never, {
    raw: false,
    customSiteTitle: 'Motcua API',
  });
  return app;
}
