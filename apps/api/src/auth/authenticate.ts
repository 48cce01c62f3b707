import { randomUUID } from 'node:crypto';
import { logLine } from '../logging/json-logger';
import type { Principal } from './principal';
import { InvalidToken, type TokenVerifier } from './token-verifier';

interface Req {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  principal?: Principal;
  requestId?: string;
}
interface Res {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  status(code: number): Res;
  json(body: unknown): unknown;
}

/**
 * The only paths anyone may call without a token (CONTRACTS.md "Identity and access"): the
 * catalog and the unit and agency registries, the public look-up, the postal webhook (signed instead), the
 * event streams of the breach board and the workbench (a ticket instead), and the
 * API's own documents and health. Everything else under /api/ needs one: deny by default.
 */
const PUBLIC: readonly [string, RegExp][] = [
  ['GET', /^\/api\/v1\/procedures(\/[^/]+)?$/],
  ['GET', /^\/api\/v1\/units$/],
  ['GET', /^\/api\/v1\/agencies$/],
  ['GET', /^\/api\/v1\/lookup\/[^/]+$/],
  ['POST', /^\/api\/v1\/postal\/events$/],
  // An event stream: EventSource sends no header; a ticket bought with a token instead (stream-ticket.ts).
  ['GET', /^\/api\/v1\/stream\/breaches$/],
  ['GET', /^\/api\/v1\/workbench\/stream$/],
];

export function isPublic(method: string, path: string): boolean {
  return !path.startsWith('/api/') || PUBLIC.some(([m, p]) => (m === method || (m === 'GET' && method === 'HEAD')) && p.test(path));
}

const REQUEST_ID = /^[A-Za-z0-9_.:\-]{8,128}$/;

/**
 * Reads `Authorization: Bearer <access token>` and puts the caller's principal on the request;
 * 401 (with `WWW-Authenticate`, RFC 6750) when it is missing or not valid, 503 when the issuer's
 * keys cannot be fetched. Also gives every request its id (`X-Request-Id`, the caller's when it
 * sends a sane one), for the logs and the audit trail.
 */
export function authenticate(verifier: TokenVerifier) {
  return async (req: Req, res: Res, next: (e?: unknown) => void): Promise<void> => {
    const given = req.headers['x-request-id'];
    req.requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.requestId);
    // A CORS preflight carries no credentials by design; it is answered without CORS headers.
    if (req.method === 'OPTIONS' || isPublic(req.method, req.path)) return next();

    const header = req.headers.authorization;
    // Node keeps the first of two Authorization headers and drops the other: which one a proxy
    // in front of us used is anyone's guess, so two are refused.
    const headersGiven = req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'authorization').length;
    const match = typeof header === 'string' && headersGiven === 1 ? /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/.exec(header) : null;
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="motcua"');
      res.status(401).json({ error: { code: 'UNAUTHORIZED', rule: 'AUTH.TOKEN_MISSING', message: 'this path needs Authorization: Bearer <access token>' } });
      return;
    }
    try {
      req.principal = await verifier.verify(match[1]);
      next();
    } catch (e) {
      if (e instanceof InvalidToken) {
        logLine('warn', 'token refused', { requestId: req.requestId, reason: e.message });
        res.setHeader('WWW-Authenticate', 'Bearer realm="motcua", error="invalid_token"');
        res.status(401).json({ error: { code: 'UNAUTHORIZED', rule: 'AUTH.TOKEN_INVALID', message: 'the access token is not valid (signature, issuer, audience or expiry)' } });
        return;
      }
      logLine('error', 'cannot verify tokens', { requestId: req.requestId, error: e instanceof Error ? e.message : String(e) });
      res.status(503).json({ error: { code: 'UNAVAILABLE', rule: 'AUTH.ISSUER_UNREACHABLE', message: 'the identity provider\'s keys cannot be fetched; retry later' } });
    }
  };
}
