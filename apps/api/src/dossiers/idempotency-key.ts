import { badRequest } from '../errors/api-error';
import type { RequestHeaders } from '../http/request-headers';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The code allocator accepts keys of 1–200 characters; printable ASCII keeps logs and ids clean. */
const KEY = /^[\x21-\x7e]{1,200}$/;

/** The request's Idempotency-Key, or undefined; 400 when malformed. */
export function idempotencyKeyOf(headers: RequestHeaders): string | undefined {
  const raw = headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw) || !KEY.test(raw)) {
    throw badRequest(`${IDEMPOTENCY_KEY_HEADER}: 1–200 printable ASCII characters without spaces, given once`);
  }
  return raw;
}
