import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import { ApiError, type ErrorBody } from './api-error';
import { fromTemporalError } from './temporal-errors';

interface JsonResponse {
  headersSent: boolean;
  status(code: number): JsonResponse;
  json(body: unknown): unknown;
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

/**
 * Nest's HTTP exceptions, recognised by what they do rather than by their class: under tsx the
 * app's `@nestjs/common` and the one `@nestjs/platform-express` loads are two module instances,
 * and `instanceof HttpException` is false for the adapter's (PITFALLS.md 15).
 */
interface HttpExceptionLike {
  getStatus(): number;
  getResponse(): string | object;
  message: string;
  cause?: unknown;
}

function isHttpException(e: unknown): e is HttpExceptionLike {
  const x = e as Partial<Record<'getStatus' | 'getResponse', unknown>> | null;
  return typeof e === 'object' && x !== null && typeof x.getStatus === 'function' && typeof x.getResponse === 'function';
}

/**
 * The one place errors become HTTP answers, all in the shape `{"error": {"code", "rule", "message"}}`.
 * Unexpected errors get a generic message; their detail goes to the log, never to the client.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(e: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<JsonResponse>();
    const { status, body } = this.answer(e);
    if (res.headersSent) return;
    res.status(status).json(body);
  }

  answer(e: unknown): { status: number; body: ErrorBody } {
    if (e instanceof ApiError) return { status: e.status, body: e.body() };
    const mapped = fromTemporalError(e);
    if (mapped) {
      if (mapped.status >= 500) this.logger.warn(describe(e));
      return { status: mapped.status, body: mapped.body() };
    }
    if (isHttpException(e)) {
      const given = e.getStatus();
      const status = Number.isInteger(given) && given >= 400 && given <= 599 ? given : 500;
      if (status >= 500) this.logger.error(describe(e));
      const message = status >= 500 ? 'internal error' : httpMessage(e);
      return { status, body: { error: { code: HTTP_CODES[status] ?? `HTTP_${status}`, rule: null, message } } };
    }
    this.logger.error(describe(e));
    return { status: 500, body: { error: { code: 'INTERNAL', rule: null, message: 'internal error; the detail is in the server log' } } };
  }
}

function httpMessage(e: HttpExceptionLike): string {
  // The adapter wraps a body the JSON parser refused, and a path it could not decode, with the
  // parser's message: V8's quotes the body (personal data), so it goes neither out nor to the log.
  const causeName = (e.cause as { name?: unknown } | undefined)?.name;
  if (causeName === 'SyntaxError') return 'the body is not valid JSON (a JSON object is expected)';
  if (causeName === 'URIError') return 'the path is not validly %-encoded';
  const r = e.getResponse();
  if (typeof r === 'string') return r;
  const m = (r as { message?: unknown }).message;
  return Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : e.message;
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return `${e.stack ?? e.message}${cause ? `\ncaused by: ${describe(cause)}` : ''}`;
}
