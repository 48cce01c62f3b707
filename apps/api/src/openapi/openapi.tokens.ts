export type { OpenApiDocument } from './openapi-document';
/** The OpenAPI document, built once; served at /openapi.json and by Swagger UI at /docs. */
export const OPENAPI_DOCUMENT = Symbol('OpenApiDocument');
