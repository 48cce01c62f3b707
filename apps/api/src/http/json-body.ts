import { badRequest, payloadTooLarge, unsupportedMediaType } from '../errors/api-error';
import type { HttpRequest, HttpResponse, Next } from './express-shapes';

/** The largest body any request of the contract needs, with room to spare. */
export const JSON_BODY_LIMIT = '100kb';

/** Options of Express's JSON parser: objects and arrays only, no compressed bodies. */
export const JSON_PARSER_OPTIONS = { limit: JSON_BODY_LIMIT, strict: true, inflate: false, type: 'application/json' };

const CARRIES_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Only `application/json` (in UTF-8) is read. Forms and text/plain are refused with 415 rather
 * than ignored: they are what a browser may send cross-site without asking (CSRF), and a form
 * silently read as an empty body would act on nothing the client meant. A POST without a body
 * and without a content type is an empty object.
 */
export function jsonOnly(req: HttpRequest & { rawBody?: Buffer }, _res: HttpResponse, next: Next): void {
  // Already read as bytes (the postal webhook, http/raw-body.ts): its own checks apply.
  if (req.rawBody !== undefined) return next();
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (typeof length === 'string' && length.trim() !== '0');
  if (!hasBody && !CARRIES_BODY.has(req.method)) return next();
  const contentType = req.headers['content-type'];
  if (contentType === undefined) {
    if (hasBody) return next(unsupportedMediaType('send the body as application/json'));
    req.body = {};
    return next();
  }
  const [mediaType, ...parameters] = String(contentType).split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') return next(unsupportedMediaType('send the body as application/json'));
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset' && value.trim().replace(/^"(.*)"$/, '$1').toLowerCase() !== 'utf-8') {
      return next(unsupportedMediaType('the body must be UTF-8 (charset=utf-8, or no charset)'));
    }
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && String(encoding).trim().toLowerCase() !== 'identity') {
    return next(unsupportedMediaType('send the body uncompressed (no Content-Encoding)'));
  }
  next();
}

/**
 * The JSON parser's errors as answers of the contract. Their own messages are not used, and
 * never logged: V8's JSON.parse message quotes the body, and a body carries personal data.
 */
export function bodyParserErrors(error: unknown, _req: HttpRequest, _res: HttpResponse, next: Next): void {
  next(answerFor(error) ?? error);
}

function answerFor(error: unknown) {
  const type = (error as { type?: unknown } | null)?.type;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  switch (type) {
    case 'entity.parse.failed':
      return badRequest('the body is not valid JSON (a JSON object is expected)');
    case 'entity.too.large':
      return payloadTooLarge(`the body is larger than ${JSON_BODY_LIMIT}`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return unsupportedMediaType('send the body as uncompressed UTF-8 application/json');
    default:
      return status < 500 ? badRequest('the body could not be read') : undefined;
  }
}
