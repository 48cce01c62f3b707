import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../auth/principal';

/**
 * A short-lived ticket to open an event stream. The browser's EventSource cannot send an
 * Authorization header, and a bearer token in a URL would sit in logs and history for its whole
 * hour; a cookie would ride along on every request, cross-site ones included. So the page trades
 * its token (POST, Authorization header) for a ticket valid `ttlMs` that names the same principal,
 * and puts that in the stream's URL. The stream checks it once, when it opens, and ends itself when
 * the access token it was bought with expires; the page then buys another with its fresh token.
 * Tickets are signed with a key of this process (HMAC-SHA256): nothing is stored, and a ticket of
 * another process or an earlier run is simply refused (the page buys a new one).
 */
export interface TicketClaims {
  readonly principal: Principal;
  /** When the ticket may no longer open a stream (epoch ms). */
  readonly exp: number;
  /** When the access token it was bought with expires: the stream ends then (epoch ms). */
  readonly tokenExp: number;
}

export class StreamTickets {
  private readonly key = randomBytes(32);

  constructor(private readonly ttlMs: number) {}

  issue(principal: Principal, now: number, tokenExp: number): { ticket: string; expiresAt: number } {
    const claims: TicketClaims = { principal, exp: now + this.ttlMs, tokenExp };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { ticket: `${body}.${this.sign(body)}`, expiresAt: claims.exp };
  }

  /** The ticket's claims, or null when it is not ours, altered or expired. */
  check(ticket: string, now: number): TicketClaims | null {
    const m = /^([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
    if (!m) return null;
    const given = Buffer.from(m[2], 'base64url');
    const expected = Buffer.from(this.sign(m[1]), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as TicketClaims;
    return claims.exp > now && claims.tokenExp > now ? claims : null;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
