import { payloadTooLarge } from '../errors/api-error';
import type { Next } from './express-shapes';

/** The postal webhook's path: its body is read as bytes, not parsed (Standard Webhooks signs the bytes). */
export const POSTAL_EVENTS_PATH = '/api/v1/postal/events';

/** The contract's limit on an event body. */
export const POSTAL_BODY_LIMIT = 64 * 1024;

/**
 * How much of a larger body is still read: enough to check its signature first, as the contract
 * orders (401 before 413), while an unauthenticated sender cannot make us buffer more than this.
 */
export const POSTAL_READ_CAP = 256 * 1024;

interface RawReq {
  method: string;
  path: string;
  rawBody?: Buffer;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'error', listener: (e?: unknown) => void): unknown;
  removeAllListeners(event: string): unknown;
  resume(): unknown;
}

/**
 * Keeps the exact bytes of POST /api/v1/postal/events in `req.rawBody`, before any JSON parser
 * could re-serialise them (a signature is over the bytes sent, not over an equivalent JSON). Only
 * this path: every other body is parsed as before. A body past POSTAL_READ_CAP is answered 413 at
 * once and the rest discarded unread.
 */
export function postalRawBody(req: RawReq, _res: unknown, next: Next): void {
  if (req.method !== 'POST' || req.path !== POSTAL_EVENTS_PATH) return next();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > POSTAL_READ_CAP) {
      done = true;
      req.removeAllListeners('data');
      req.resume();
      return next(payloadTooLarge(`the body is larger than ${POSTAL_BODY_LIMIT / 1024} kB`));
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    req.rawBody = Buffer.concat(chunks);
    next();
  });
  req.on('error', (e) => {
    if (done) return;
    done = true;
    next(e);
  });
}
